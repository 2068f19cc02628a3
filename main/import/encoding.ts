/**
 * Text encoding of a DBF attribute table: the .cpg sidecar first, then the language-driver byte of
 * the DBF header, then detection (valid UTF-8, else Windows-1252). Returns a WHATWG label that the
 * `shapefile` package's decoder accepts.
 */
import fs from 'node:fs';

export interface DetectedEncoding {
  encoding: string;
  /** Where it came from: `cpg`, `ldid`, `detected`. */
  from: 'cpg' | 'ldid' | 'detected';
}

const CPG_LABELS: [RegExp, string][] = [
  [/^(utf-?8|65001)$/i, 'utf-8'],
  [/^(ansi\s*)?(cp|windows-?)?1252$/i, 'windows-1252'],
  [/^(ansi\s*)?(cp|windows-?)?1250$/i, 'windows-1250'],
  [/^(ansi\s*)?(cp|windows-?)?1251$/i, 'windows-1251'],
  [/^(ansi\s*)?(cp|windows-?)?1253$/i, 'windows-1253'],
  [/^(ansi\s*)?(cp|windows-?)?1254$/i, 'windows-1254'],
  [/^(ansi\s*)?(cp|windows-?)?1257$/i, 'windows-1257'],
  [/^(iso[-_ ]?)?8859[-_ ]?1$|^latin-?1$/i, 'windows-1252'],
  [/^(iso[-_ ]?)?8859[-_ ]?2$/i, 'iso-8859-2'],
  [/^(iso[-_ ]?)?8859[-_ ]?15$/i, 'iso-8859-15'],
  [/^(cp)?(932|sjis|shift_jis)$/i, 'shift_jis'],
  [/^(cp)?(936|gbk|gb2312)$/i, 'gbk'],
  [/^(cp)?(950|big5)$/i, 'big5'],
  [/^(cp)?(949|euc-kr)$/i, 'euc-kr'],
  [/^koi8-?r$/i, 'koi8-r'],
  [/^(cp)?866$/i, 'ibm866'],
];

/** DBF language driver ids (byte 29) worth trusting; 0x57 ("ANSI") is only a hint. */
const LDID: Record<number, string> = {
  0x01: 'windows-1252', // DOS USA cp437: closest decoder available
  0x02: 'windows-1252', // cp850
  0x03: 'windows-1252',
  0x13: 'shift_jis',
  0x4d: 'gbk',
  0x4e: 'euc-kr',
  0x4f: 'big5',
  0x57: 'windows-1252',
  0x58: 'windows-1252',
  0x59: 'windows-1252',
  0x64: 'iso-8859-2',
  0x65: 'ibm866',
  0x7b: 'shift_jis',
  0x7a: 'gbk',
  0x7c: 'windows-874',
  0x87: 'windows-1250',
  0xc8: 'windows-1250',
  0xc9: 'windows-1251',
  0xca: 'windows-1254',
  0xcb: 'windows-1253',
  0xcc: 'windows-1257',
};

export function detectDbfEncoding(dbfFile: string, cpgFile?: string): DetectedEncoding {
  if (cpgFile) {
    const text = fs.readFileSync(cpgFile, 'latin1').trim();
    const hit = CPG_LABELS.find(([re]) => re.test(text));
    if (hit) return { encoding: hit[1], from: 'cpg' };
  }
  const bytes = fs.readFileSync(dbfFile);
  const headerLength = bytes.length >= 32 ? bytes.readUInt16LE(8) : bytes.length;
  const body = bytes.subarray(Math.min(headerLength, bytes.length));
  const ldid = bytes.length > 29 ? bytes[29]! : 0;
  const utf8 = isValidUtf8WithNonAscii(body);
  // 0x57 is what ArcGIS writes for "the system's ANSI page"; real UTF-8 content wins over it.
  if (LDID[ldid] && !(ldid === 0x57 && utf8 === true)) return { encoding: LDID[ldid]!, from: 'ldid' };
  return { encoding: utf8 === false ? 'windows-1252' : 'utf-8', from: 'detected' };
}

/** true: valid UTF-8 with multi-byte characters; false: invalid UTF-8; null: plain ASCII. */
function isValidUtf8WithNonAscii(bytes: Uint8Array): boolean | null {
  if (!bytes.some((b) => b >= 0x80)) return null;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
