/**
 * A Chinese licence plate written for English text. The plate opens with a Chinese character (the
 * province's abbreviation, 浙 for Zhejiang) and may carry another (学 school car, 挂 trailer, 警 police);
 * English warnings must not contain Chinese, so each is written in pinyin, as English-language documents
 * do ("浙A·D7788" → "Zhe A·D7788"). Pure.
 */

/** Pinyin of the characters found on plates (GA 36-2018): the 31 provinces and the special suffixes. */
const PINYIN: Record<string, string> = {
  京: 'Jing',
  津: 'Jin',
  沪: 'Hu',
  渝: 'Yu',
  冀: 'Ji',
  豫: 'Yu',
  云: 'Yun',
  辽: 'Liao',
  黑: 'Hei',
  湘: 'Xiang',
  皖: 'Wan',
  鲁: 'Lu',
  新: 'Xin',
  苏: 'Su',
  浙: 'Zhe',
  赣: 'Gan',
  鄂: 'E',
  桂: 'Gui',
  甘: 'Gan',
  晋: 'Jin',
  蒙: 'Meng',
  陕: 'Shaan',
  吉: 'Ji',
  闽: 'Min',
  贵: 'Gui',
  粤: 'Yue',
  青: 'Qing',
  藏: 'Zang',
  川: 'Chuan',
  宁: 'Ning',
  琼: 'Qiong',
  使: 'Shi',
  领: 'Ling',
  警: 'Jing',
  学: 'Xue',
  港: 'Gang',
  澳: 'Ao',
  挂: 'Gua',
  试: 'Shi',
  超: 'Chao',
  应: 'Ying',
  急: 'Ji',
};

const CJK = /[\u3400-\u9fff]/u;

/**
 * The plate with every Chinese character in pinyin, a space after a leading one; a character not in
 * the table (not on any plate) is left out rather than leak Chinese into English text.
 *
 * @example
 * plateEn('浙A·D7788'); // 'Zhe A·D7788'
 * plateEn('浙A·1234学'); // 'Zhe A·1234 Xue'
 */
export function plateEn(plate: string): string {
  const parts: string[] = [];
  let run = '';
  for (const ch of plate) {
    if (!CJK.test(ch)) {
      run += ch;
      continue;
    }
    if (run) parts.push(run);
    run = '';
    const p = PINYIN[ch];
    if (p) parts.push(p);
  }
  if (run) parts.push(run);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}
