// The classes of an ArrayBuffer view that a message may carry: every typed array and DataView.
// Core's talk codec numbers them by their place here (its kind byte), and codecs outside core
// (BullMQ's JSON one) name them by their class name: both read this one list.

/** Every typed array class and DataView, in a fixed order (a codec may number them by it). */
export const VIEW_CLASSES = [
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
  DataView,
] as const;
