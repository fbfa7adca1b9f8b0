/**
 * Guangdong's "1+21" archive platforms: the province and its 21 prefecture-level cities with their
 * GB/T 2260 codes (archive-interface.md §1). A shop binds one account on its city's platform; the
 * platform URLs come from each city's technical support unit, so none is shipped here.
 */
export interface City {
  /** GB/T 2260 six-digit code, e.g. 440100. */
  code: string;
  name: string;
}

export const GUANGDONG: City = { code: '440000', name: '广东省' };

export const GUANGDONG_CITIES: readonly City[] = [
  { code: '440100', name: '广州市' },
  { code: '440200', name: '韶关市' },
  { code: '440300', name: '深圳市' },
  { code: '440400', name: '珠海市' },
  { code: '440500', name: '汕头市' },
  { code: '440600', name: '佛山市' },
  { code: '440700', name: '江门市' },
  { code: '440800', name: '湛江市' },
  { code: '440900', name: '茂名市' },
  { code: '441200', name: '肇庆市' },
  { code: '441300', name: '惠州市' },
  { code: '441400', name: '梅州市' },
  { code: '441500', name: '汕尾市' },
  { code: '441600', name: '河源市' },
  { code: '441700', name: '阳江市' },
  { code: '441800', name: '清远市' },
  { code: '441900', name: '东莞市' },
  { code: '442000', name: '中山市' },
  { code: '445100', name: '潮州市' },
  { code: '445200', name: '揭阳市' },
  { code: '445300', name: '云浮市' },
];

const BY_CODE = new Map(GUANGDONG_CITIES.map((c) => [c.code, c]));

export const cityByCode = (code: string): City | undefined => BY_CODE.get(code);
