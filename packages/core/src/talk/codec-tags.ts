// The tags of codec.ts's byte format, one byte before each value.
export const T_UNDEFINED = 0;
export const T_NULL = 1;
export const T_FALSE = 2;
export const T_TRUE = 3;
export const T_INT = 4; // int32
export const T_FLOAT = 5; // float64
export const T_ASCII = 6; // u32 length, one byte per character
export const T_UTF8 = 7; // u32 byte length, UTF-8 (lone surrogates become U+FFFD)
export const T_UTF16 = 8; // u32 length, two bytes per code unit (a string with a lone surrogate)
export const T_BIGINT = 9; // as an ASCII string in base 16, with its sign
export const T_ARRAY = 10; // u32 length, then the items (holes as T_HOLE)
export const T_HOLE = 11;
export const T_OBJECT = 12; // u32 key count, then key (a string value) and value, in turn
export const T_DATE = 13; // float64
export const T_REGEXP = 14; // source, flags (string values)
export const T_MAP = 15; // u32 size, then key and value in turn
export const T_SET = 16; // u32 size, then the values
export const T_BUFFER = 17; // u32 byte length, the bytes
export const T_VIEW = 18; // u8 kind (VIEW_KINDS), the buffer (a value), u32 byte offset, u32 length
export const T_REF = 19; // u32: the n-th object met so far (shared references and cycles)
export const T_ERROR = 20; // name, message, stack (string values or undefined), cause (a value)
export const T_BOXED = 21; // a Boolean, Number, String or BigInt object: its primitive value

/** The typed arrays and DataView, by their kind byte in T_VIEW: their place in VIEW_CLASSES. */
export { VIEW_CLASSES as VIEW_KINDS } from "../shared/view-classes.ts";
