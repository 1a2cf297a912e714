package lookout

// MaxRequestBodyBytes bounds the body of a request of every operation but
// CreateDataset (see [MaxCreateDatasetBodyBytes]): [DecodeRequest] refuses
// longer data, and [ReadRequest] refuses a longer body without reading it
// into memory.
//
// Its value, 64 KiB, is the largest JSON encoding of a valid request with a
// margin. Take each string member at its longest valid length, and write
// every character as a JSON escape at its widest (\uXXXX, 6 bytes, for a
// character of the Basic Multilingual Plane; a surrogate pair, 12 bytes, for
// any other). For StartDataIngestionJob: ClientToken, 256 ASCII characters,
// is 1,536 bytes; DatasetName, 200, is 1,200; Bucket, 63, is 378; Prefix,
// 1,024 characters up to U+00FF, is 6,144; the longest documented
// KeyPattern, 27, is 162; RoleArn, 2,048 characters, at most 24,576. That
// is 33,996 bytes, and with the member names escaped too (588 bytes),
// punctuation and indentation, about 34,500 (a test builds this request).
// Even a KeyPattern at the 2,048 characters its length constraint allows
// (at most 24,576 bytes, though no such value is valid) keeps the total
// under 60,000 bytes. The widest request of the other operations is
// ListSensorStatistics': a NextToken of 8,192 ASCII characters is 49,152
// bytes escaped, about 51,000 with the rest. What remains is room for more
// whitespace.
const MaxRequestBodyBytes = 64 << 10

// MaxCreateDatasetBodyBytes bounds the body of a CreateDataset request, whose
// InlineDataSchema may be 1,000,000 characters. A valid schema is ASCII
// (its names' patterns allow nothing else, and JSON's punctuation and
// whitespace are ASCII), so it is at most 6,000,000 bytes with every
// character escaped as \u00XX; 200 tags of the longest key and value, also
// ASCII, add 460,800; the rest is under 10,000. 8 MiB holds that with a
// margin.
const MaxCreateDatasetBodyBytes = 8 << 20
