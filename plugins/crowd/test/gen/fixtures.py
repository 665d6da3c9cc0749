"""Writes the crowd scenario fixtures (run: python3 plugins/crowd/test/gen/fixtures.py). Deterministic."""
import json, math, os
from datetime import datetime, timedelta, timezone

OUT = os.path.join(os.path.dirname(__file__), '..', 'fixtures')
TZ = timezone(timedelta(hours=8))

def ts(d):
    return d.isoformat()

def poly(lon, lat, dx, dy):
    return {"type": "Polygon", "coordinates": [[[lon, lat], [lon + dx, lat], [lon + dx, lat + dy], [lon, lat + dy], [lon, lat]]]}

def wiggle(i, amp):
    # deterministic noise
    return amp * math.sin(i * 1.7) * math.cos(i * 0.9)

SQ1 = {"id": "SQ-1", "kind": "square_street", "role": "monitored",
       "name": {"zh": "滨江广场", "en": "Riverside Square"},
       "geometry": poly(121.490, 31.238, 0.0012, 0.0010),
       "attributes": {"effectiveAreaM2": 12000, "entranceWidthM": 60, "crowdMode": "standing"}}
ST1 = {"id": "ST-1", "kind": "square_street", "role": "monitored",
       "name": {"zh": "观景平台台阶", "en": "Viewing-platform stairs"},
       "geometry": poly(121.4915, 31.2392, 0.0004, 0.0002),
       "attributes": {"effectiveAreaM2": 800, "entranceWidthM": 12, "areaType": "stairs", "crowdMode": "moving"}}
SQ2 = {"id": "SQ-2", "kind": "square_street", "role": "monitored",
       "name": {"zh": "人民广场", "en": "People's Square"},
       "geometry": poly(121.482, 31.236, 0.0015, 0.0012),
       "attributes": {"effectiveAreaM2": 20000, "entranceWidthM": 80}}
METRO = {"id": "MS-1", "kind": "metro_station", "role": "target",
         "name": {"zh": "江滨地铁站", "en": "Jiangbin metro station"},
         "geometry": {"type": "Point", "coordinates": [121.4925, 31.2385]}}
HOS = {"id": "HOS-1", "kind": "hospital", "role": "target",
       "name": {"zh": "黄浦区中心医院", "en": "Huangpu Central Hospital"},
       "geometry": {"type": "Point", "coordinates": [121.4880, 31.2400]}}

S_SQ1 = {"id": "CNT-SQ1", "objectId": "SQ-1", "metrics": ["count"], "location": [121.4906, 31.2385]}
S_ST1 = {"id": "DEN-ST1", "objectId": "ST-1", "metrics": ["density", "counterflow"], "location": [121.4917, 31.2393]}
S_SQ2 = {"id": "CNT-SQ2", "objectId": "SQ-2", "metrics": ["count"], "location": [121.4827, 31.2366]}

def write(name, fx):
    with open(os.path.join(OUT, name), 'w') as f:
        json.dump(fx, f, ensure_ascii=False, indent=1)
        f.write('\n')

# --- 1. festival build-up -------------------------------------------------------------------------
day = datetime(2026, 11, 29, 19, 0, tzinfo=TZ)
readings = []
# The two earlier nights of the light-show week: a smaller crowd with the same build-up, levelling off
# at about 17 000 once the show starts at 20:00 (time-of-day profile; they stay below the alarm limit).
def past_night(m):
    return min(4000 + 250 * m, 17000)
for back in (2, 1):
    for k in range(0, 25):
        t = day - timedelta(days=back) + timedelta(minutes=5 * k)
        readings.append({"sensor": "CNT-SQ1", "ts": ts(t), "values": {"count": round(past_night(5 * k) + wiggle(k + back, 150))}})
# Today: a light show draws about 800 people a minute onto the square, and onto the stairs.
for i in range(0, 41):
    t = day + timedelta(minutes=i)
    readings.append({"sensor": "CNT-SQ1", "ts": ts(t), "values": {"count": round(10000 + 800 * i + wiggle(i, 300))}})
    readings.append({"sensor": "DEN-ST1", "ts": ts(t), "values": {"density": round(1.0 + 0.08 * i + wiggle(i, 0.04), 2), "counterflow": 0.1}})
    if i % 5 == 0:
        readings.append({"sensor": "CNT-SQ2", "ts": ts(t), "values": {"count": round(6000 + wiggle(i, 200))}})
write('festival-build-up.json', {
    "name": "a light show fills the riverside square at 800 persons/min and crowds the stairs to the viewing platform: the square gets an orange warning from its 15-minute forecast, the stairs a red one once they pass 4 p/m², their limits being lowered a tier",
    "objects": [SQ1, ST1, SQ2, METRO, HOS],
    "sensors": [S_SQ1, S_ST1, S_SQ2],
    "readings": readings,
    "expect": {
        "alarms": [
            {"sensor": "CNT-SQ1", "metric": "count", "maxLevel": "yellow", "status": "open"},
            {"sensor": "DEN-ST1", "metric": "density", "maxLevel": "orange", "status": "open"},
        ],
        "warnings": [
            {"object": "SQ-1", "tier": "orange", "targets": ["MS-1"],
             "findingsInclude": ["Fruin queuing LOS D", "Stampede risk high (set by the 15-min forecast)", "blended with the same time of day on 2 past day(s)"]},
            {"object": "ST-1", "tier": "red", "targets": ["MS-1"],
             "findingsInclude": ["Fruin walkway LOS F", "every density limit is lowered one tier (red at 4 p/m²)", "Stampede risk very high"]},
        ],
    },
})

# --- 2. counting glitch ---------------------------------------------------------------------------
readings = []
start = datetime(2026, 11, 29, 20, 0, tzinfo=TZ)
for i in range(0, 16):
    t = start + timedelta(minutes=i)
    v = round(9000 + wiggle(i, 200))
    if i in (5, 6):
        v = 62000 + 1000 * (i - 5)  # two merged camera zones counted twice over
    readings.append({"sensor": "CNT-SQ1", "ts": ts(t), "values": {"count": v}})
write('false-alarm-counting-glitch.json', {
    "name": "the square's count jumps from 9 000 to 62 000 for two minutes, faster than its entrances could admit anyone, and falls back: a red alarm is raised and cleared but the analysis calls it a counting glitch and issues no warning",
    "objects": [SQ1, METRO],
    "sensors": [S_SQ1],
    "readings": readings,
    "expect": {
        "alarms": [{"sensor": "CNT-SQ1", "metric": "count", "maxLevel": "red", "status": "cleared"}],
        "warnings": [],
    },
})

# --- 3. evening peak that the time-of-day profile says will ebb ------------------------------------
HUB = {"id": "TH-1", "kind": "transit_hub", "role": "monitored",
       "name": {"zh": "江滨地铁站站厅", "en": "Jiangbin metro concourse"},
       "geometry": poly(121.4925, 31.2385, 0.0005, 0.0003),
       "attributes": {"effectiveAreaM2": 2500, "capacity": 8000, "entranceWidthM": 20}}
S_HUB = {"id": "CNT-TH1", "objectId": "TH-1", "metrics": ["count"], "location": [121.4927, 31.2386]}
readings = []
peak = datetime(2026, 11, 29, 17, 30, tzinfo=TZ)
def hub_past(m):
    # an ordinary weekday evening: 80 persons/min arrive until the 17:55 trains, then the hall empties
    return 1500 + 80 * m if m <= 25 else max(1500, 3500 - 50 * (m - 25))
def hub_today(m):
    # today a little busier, 95 persons/min, then the same ebb
    return 1600 + 95 * m if m <= 25 else max(1500, 3975 - 60 * (m - 25))
for back in (3, 2, 1):
    for k in range(0, 15):
        m = 5 * k
        t = peak - timedelta(days=back) + timedelta(minutes=m)
        readings.append({"sensor": "CNT-TH1", "ts": ts(t), "values": {"count": round(hub_past(m) + wiggle(k + back, 60))}})
for m in range(0, 46):
    t = peak + timedelta(minutes=m)
    readings.append({"sensor": "CNT-TH1", "ts": ts(t), "values": {"count": round(hub_today(m) + wiggle(m, 30))}})
write('evening-peak-owner-alarm-only.json', {
    "name": "the metro concourse passes 1.5 p/m² at the height of the evening peak; the recent trend alone would forecast blue within 15 minutes, but past evenings show the hall emptying after the 17:55 trains, so the operator is alarmed and no warning is issued",
    "objects": [HUB, HOS],
    "sensors": [S_HUB],
    "readings": readings,
    "expect": {
        "alarms": [{"sensor": "CNT-TH1", "metric": "count", "maxLevel": "alarm", "status": "cleared"}],
        "warnings": [],
    },
})

# --- 4. a build-up whose straight line runs past what the area can hold -----------------------------
EXIT = {"id": "EX-1", "kind": "square_street", "role": "monitored",
        "name": {"zh": "地铁C口站前广场", "en": "Metro exit C forecourt"},
        "geometry": poly(121.4930, 31.2380, 0.0005, 0.0004),
        "attributes": {"effectiveAreaM2": 2000, "entranceWidthM": 30, "crowdMode": "standing"}}
S_EXIT = {"id": "CNT-EX1", "objectId": "EX-1", "metrics": ["count"], "location": [121.4932, 31.2381]}
readings = []
start = datetime(2026, 11, 29, 19, 30, tzinfo=TZ)
for i in range(0, 12):
    t = start + timedelta(minutes=i)
    readings.append({"sensor": "CNT-EX1", "ts": ts(t), "values": {"count": round(1500 + 450 * i + wiggle(i, 40))}})
write('forecast-held-at-physical-limit.json', {
    "name": "a metro exit forecourt fills at 450 persons/min: the 15-minute forecast (about 6.6 p/m²) makes the warning red, and the 30-minute straight line (about 10 p/m², more than a crowd can be packed to) is held at the physical limit of 9 p/m², the finding saying when the forecourt fills up instead",
    "objects": [EXIT, METRO],
    "sensors": [S_EXIT],
    "readings": readings,
    "expect": {
        "alarms": [{"sensor": "CNT-EX1", "metric": "count", "maxLevel": "yellow", "status": "open"}],
        "warnings": [
            {"object": "EX-1", "tier": "red", "targets": ["MS-1"],
             "findingsInclude": ["in 15 min about", "the area fills to the physical limit of 9 p/m² (about 18000 persons); the 30-min forecast is held there"]},
        ],
    },
})
