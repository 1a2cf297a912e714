package validate_test

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/internal/testcases"
	"github.com/lookout-equipment/lookoutequipment/lookout"
	"github.com/lookout-equipment/lookoutequipment/validate"
)

// violations returns what the kind of tag reports for value, present, at
// path: the violations of its Check function.
func violations(t testing.TB, tag, path, value string) []lookout.FieldError {
	t.Helper()
	for _, r := range lookout.Rules() {
		if r.Tag == tag {
			fs := r.Violations(value, true)
			for i := range fs {
				fs[i].Path = path
			}
			return fs
		}
	}
	t.Fatalf("no rule has tag %q", tag)
	return nil
}

// required is the violation of an absent value at path.
func required(path string) []lookout.FieldError {
	return []lookout.FieldError{{Path: path, Constraint: lookout.ConstraintRequired}}
}

// fieldsOf returns the Fields of err, which must be a
// *lookout.ValidationException, or nil for a nil err.
func fieldsOf(t testing.TB, err error) []lookout.FieldError {
	t.Helper()
	if err == nil {
		return nil
	}
	var ve *lookout.ValidationException
	require.ErrorAs(t, err, &ve, "error %T: %v", err, err)
	return ve.Fields
}

const (
	validArn     = "arn:aws:iam::123456789012:role/service-role/Ingestion"
	validDataset = "pump-station_7"
)

// TestTagsFollowKinds checks that the tags installed are those of the
// value kinds that lookout.Kinds declares with a Tag, each once.
func TestTagsFollowKinds(t *testing.T) {
	t.Parallel()
	var declared []string
	for _, k := range lookout.Kinds() {
		if k.Tag != "" {
			require.NotContains(t, declared, k.Tag)
			declared = append(declared, k.Tag)
		}
	}
	require.NotEmpty(t, declared)

	v := validator.New()
	require.NoError(t, validate.Register(v))
	for _, tag := range declared {
		// An unregistered tag makes validator/v10 panic.
		assert.NotPanics(t, func() { _ = v.Var(nil, "omitempty,"+tag) }, tag)
	}
	// Every member with a tag is checked by its kind's.
	for _, r := range lookout.Rules() {
		if r.Tag != "" {
			assert.Contains(t, declared, r.Tag, "%s %s", r.Operation, r.Path)
		}
	}
}

// TestStructFields checks the tags on the kinds of field a user's struct
// has: plain strings, pointers, named types, with omitempty and required,
// under JSON names.
func TestStructFields(t *testing.T) {
	t.Parallel()
	type (
		DatasetName string

		plain struct {
			Role string `json:"role" validate:"lookout_role_arn"`
		}
		pointer struct {
			Dataset *string `json:"dataset,omitempty" validate:"lookout_dataset_name"`
		}
		named struct {
			Dataset DatasetName `json:"dataset" validate:"lookout_dataset_name"`
		}
		namedPointer struct {
			Status *lookout.IngestionJobStatus `json:"status" validate:"lookout_job_status"`
		}
		plainOptional struct {
			Status     string `json:"status" validate:"lookout_job_status"`
			KeyPattern string `json:"keyPattern" validate:"lookout_key_pattern"`
			Prefix     string `json:"prefix" validate:"lookout_s3_prefix"`
			JobID      string `json:"jobId" validate:"lookout_job_id"`
		}
		pointerOptional struct {
			Status     *string `json:"status" validate:"lookout_job_status"`
			KeyPattern *string `json:"keyPattern" validate:"lookout_key_pattern"`
			Prefix     *string `json:"prefix" validate:"lookout_s3_prefix"`
			JobID      *string `json:"jobId" validate:"lookout_job_id"`
		}
		omitEmpty struct {
			Role    string  `json:"role" validate:"omitempty,lookout_role_arn"`
			Dataset *string `json:"dataset" validate:"omitempty,lookout_dataset_name"`
		}
		requiredFields struct {
			Role    string  `json:"role" validate:"required,lookout_role_arn"`
			Dataset *string `json:"dataset" validate:"required,lookout_dataset_name"`
		}
		names struct {
			NoTag  string `validate:"lookout_s3_bucket"`
			Hidden string `json:"-" validate:"lookout_s3_bucket"`
			Named  string `json:"bucket,omitempty" validate:"lookout_s3_bucket"`
		}
		inner struct {
			Role string `json:"role" validate:"lookout_role_arn"`
		}
		nested struct {
			Inner  inner  `json:"inner"`
			Nested *inner `json:"nested" validate:"required"`
		}
		embedded struct {
			inner
			Dataset string `json:"dataset" validate:"lookout_dataset_name"`
		}
		embeddedNamed struct {
			inner   `json:"base"`
			Dataset string `json:"dataset" validate:"lookout_dataset_name"`
		}
		dive struct {
			Roles    []string          `json:"roles" validate:"dive,lookout_role_arn"`
			Patterns []*string         `json:"patterns" validate:"dive,lookout_key_pattern"`
			Names    map[string]string `json:"names" validate:"dive,lookout_dataset_name"`
		}
		unexported struct {
			role    string `validate:"lookout_role_arn"`
			Dataset string `json:"dataset" validate:"lookout_dataset_name"`
		}
		anyField struct {
			Role any `json:"role" validate:"lookout_role_arn"`
		}
		integers struct {
			Max  int32   `json:"max" validate:"lookout_max_results"`
			Size int64   `json:"size" validate:"lookout_data_size_in_bytes"`
			Max8 int8    `json:"max8" validate:"lookout_max_results"`
			Umax uint64  `json:"umax" validate:"lookout_max_results"`
			Opt  *int32  `json:"opt" validate:"omitempty,lookout_max_results"`
			Nil  *uint16 `json:"nil" validate:"lookout_max_results"`
		}
		lists struct {
			Tags []lookout.Tag `json:"tags" validate:"lookout_tag_list,dive"`
			Keys []string      `json:"keys" validate:"omitempty,lookout_tag_list"`
		}
	)
	one, two := int32(1), uint16(2)
	s := func(v string) *string { return &v }
	status := func(v lookout.IngestionJobStatus) *lookout.IngestionJobStatus { return &v }
	join := func(fss ...[]lookout.FieldError) []lookout.FieldError {
		var out []lookout.FieldError
		for _, fs := range fss {
			out = append(out, fs...)
		}
		return out
	}
	datasetPattern := `^[0-9a-zA-Z_-]{1,200}$`

	for _, c := range []struct {
		name  string
		value any
		want  []lookout.FieldError
	}{
		{"plain: valid", plain{Role: validArn}, nil},
		{"plain: empty is a value", plain{}, violations(t, "lookout_role_arn", "role", "")},
		{"plain: invalid", &plain{Role: "abc"}, violations(t, "lookout_role_arn", "role", "abc")},
		{"plain: invalid UTF-8", &plain{Role: validArn + "\xff"}, violations(t, "lookout_role_arn", "role", validArn+"\xff")},

		{"pointer: nil is absent", pointer{}, required("dataset")},
		{"pointer: empty is a value", pointer{Dataset: s("")}, []lookout.FieldError{
			{Path: "dataset", Constraint: lookout.ConstraintMinLength, Limit: 1},
			{Path: "dataset", Constraint: lookout.ConstraintPattern, Pattern: datasetPattern},
		}},
		{"pointer: valid", pointer{Dataset: s(validDataset)}, nil},
		{"pointer: invalid", pointer{Dataset: s("a b")}, []lookout.FieldError{
			{Path: "dataset", Constraint: lookout.ConstraintPattern, Pattern: datasetPattern, Value: "a b"},
		}},

		{"named: valid", named{Dataset: validDataset}, nil},
		{"named: empty is a value", named{}, violations(t, "lookout_dataset_name", "dataset", "")},
		{"named: invalid", named{Dataset: "a/b"}, violations(t, "lookout_dataset_name", "dataset", "a/b")},
		{"named pointer: nil is absent", namedPointer{}, required("status")},
		{"named pointer: valid", namedPointer{Status: status(lookout.IngestionJobStatusFailed)}, nil},
		{"named pointer: empty is a value", namedPointer{Status: status("")},
			violations(t, "lookout_job_status", "status", "")},
		{"named pointer: unknown", namedPointer{Status: status("DONE")},
			violations(t, "lookout_job_status", "status", "DONE")},

		{"plain without omitempty: empty values are checked", plainOptional{}, join(
			[]lookout.FieldError{{Path: "status", Constraint: lookout.ConstraintEnum,
				Enum: []string{"IN_PROGRESS", "SUCCESS", "FAILED", "IMPORT_IN_PROGRESS"}}},
			violations(t, "lookout_key_pattern", "keyPattern", ""),
			// An empty prefix and an empty job id are valid values.
		)},
		{"plain: invalid", plainOptional{Status: "x", KeyPattern: "y", Prefix: "/", JobID: "z"}, join(
			violations(t, "lookout_job_status", "status", "x"),
			violations(t, "lookout_key_pattern", "keyPattern", "y"),
			violations(t, "lookout_s3_prefix", "prefix", "/"),
			violations(t, "lookout_job_id", "jobId", "z"),
		)},
		{"pointers without omitempty: nil is absent", pointerOptional{}, join(
			required("status"), required("keyPattern"), required("prefix"), required("jobId"))},
		{"pointers: empty is a value", pointerOptional{Status: s(""), KeyPattern: s(""), Prefix: s(""), JobID: s("")}, join(
			violations(t, "lookout_job_status", "status", ""),
			violations(t, "lookout_key_pattern", "keyPattern", ""),
		)},
		{"pointers: valid", pointerOptional{Status: s("SUCCESS"), KeyPattern: s(lookout.KeyPatternDot), Prefix: s("a/"), JobID: s("ab12")}, nil},

		{"omitempty: empty and nil pass", omitEmpty{}, nil},
		{"omitempty: a pointer to empty is not empty", omitEmpty{Dataset: s("")},
			violations(t, "lookout_dataset_name", "dataset", "")},
		{"omitempty: invalid values are checked", omitEmpty{Role: "r", Dataset: s("d d")}, join(
			violations(t, "lookout_role_arn", "role", "r"),
			violations(t, "lookout_dataset_name", "dataset", "d d"),
		)},
		{"required: empty and nil", requiredFields{}, join(required("role"), required("dataset"))},
		{"required: a pointer to empty is present", requiredFields{Role: validArn, Dataset: s("")},
			violations(t, "lookout_dataset_name", "dataset", "")},

		{"names", names{Named: "A", NoTag: "B", Hidden: "C"}, join(
			violations(t, "lookout_s3_bucket", "NoTag", "B"),
			violations(t, "lookout_s3_bucket", "Hidden", "C"),
			violations(t, "lookout_s3_bucket", "bucket", "A"),
		)},
		{"nested", &nested{Inner: inner{Role: "x"}}, join(
			violations(t, "lookout_role_arn", "inner.role", "x"),
			required("nested"),
		)},
		{"nested pointer", &nested{Inner: inner{Role: validArn}, Nested: &inner{}},
			violations(t, "lookout_role_arn", "nested.role", "")},
		{"embedded: fields promoted", embedded{inner: inner{Role: "x"}, Dataset: "?"}, join(
			violations(t, "lookout_role_arn", "role", "x"),
			violations(t, "lookout_dataset_name", "dataset", "?"),
		)},
		{"embedded with a JSON name", embeddedNamed{inner: inner{Role: "x"}, Dataset: "?"}, join(
			violations(t, "lookout_role_arn", "base.role", "x"),
			violations(t, "lookout_dataset_name", "dataset", "?"),
		)},
		{"dive", dive{
			Roles:    []string{validArn, "", "arn"},
			Patterns: []*string{s(lookout.KeyPatternSlash), nil, s(""), s("x")},
			Names:    map[string]string{"b": "", "a": "bad name", "ok": "fine"},
		}, join(
			violations(t, "lookout_role_arn", "roles[1]", ""),
			violations(t, "lookout_role_arn", "roles[2]", "arn"),
			required("patterns[1]"),
			violations(t, "lookout_key_pattern", "patterns[2]", ""),
			violations(t, "lookout_key_pattern", "patterns[3]", "x"),
			// Map entries in the order of their keys.
			violations(t, "lookout_dataset_name", "names[a]", "bad name"),
			violations(t, "lookout_dataset_name", "names[b]", ""),
		)},
		{"unexported fields are not checked", unexported{role: "x", Dataset: validDataset}, nil},
		{"interface: nil is absent", anyField{}, required("role")},
		{"interface holding a string", anyField{Role: "x"}, violations(t, "lookout_role_arn", "role", "x")},
		{"interface holding a pointer to empty", anyField{Role: s("")}, violations(t, "lookout_role_arn", "role", "")},
		{"interface holding a valid value", anyField{Role: validArn}, nil},
		{"integers", integers{Max: 0, Size: -1, Max8: 120, Umax: 501, Opt: nil, Nil: nil}, join(
			[]lookout.FieldError{{Path: "max", Constraint: lookout.ConstraintMinValue, Limit: 1, Value: "0"}},
			[]lookout.FieldError{{Path: "size", Constraint: lookout.ConstraintMinValue, Limit: 0, Value: "-1"}},
			[]lookout.FieldError{{Path: "umax", Constraint: lookout.ConstraintMaxValue, Limit: 500, Value: "501"}},
			required("nil"),
		)},
		{"integers: valid", integers{Max: 500, Size: 1 << 40, Max8: 1, Umax: 1, Opt: &one, Nil: &two}, nil},
		{"lists", lists{Tags: make([]lookout.Tag, 201), Keys: []string{"a"}}, join(
			[]lookout.FieldError{{Path: "tags", Constraint: lookout.ConstraintMaxLength, Limit: 200,
				Value: "[" + strings.TrimSuffix(strings.Repeat(`{},`, 201), ",") + "]"}},
			// validator/v10 does not dive into a list whose tag
			// failed (a list member of lookout's own structs is
			// the exception: TestDifferentialOperations).
		)},
		// A Tag's Key and Value are required: an empty Key and a nil
		// Value are absent.
		{"lists: elements", lists{Tags: make([]lookout.Tag, 2)}, []lookout.FieldError{
			{Path: "tags[0].Key", Constraint: lookout.ConstraintRequired},
			{Path: "tags[0].Value", Constraint: lookout.ConstraintRequired},
			{Path: "tags[1].Key", Constraint: lookout.ConstraintRequired},
			{Path: "tags[1].Value", Constraint: lookout.ConstraintRequired},
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			err := validate.Struct(c.value)
			assert.Equal(t, c.want, fieldsOf(t, err))
			if c.want != nil {
				// The message is the one of the same Fields.
				assert.EqualError(t, err, lookout.NewValidationException(c.want).Error())
			}
		})
	}
}

// TestStructMessage checks one message in full: JSON names in the
// service's wording.
func TestStructMessage(t *testing.T) {
	t.Parallel()
	type jobRecord struct {
		Role string `json:"role" validate:"lookout_role_arn"`
	}
	err := validate.Struct(jobRecord{Role: "abc"})
	var ve *lookout.ValidationException
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "2 validation errors detected: "+
		"Value 'abc' at 'role' failed to satisfy constraint: Member must have length greater than or equal to 20; "+
		"Value 'abc' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: "+
		"arn:aws(-[^:]+)?:iam::[0-9]{12}:role/.+", ve.Message)

	// errors.As reaches each violation.
	var fe *lookout.FieldError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, lookout.ConstraintMinLength, fe.Constraint)
	assert.Equal(t, "role", fe.MessagePath())
}

// TestStructOrder checks that violations come in the order of the fields'
// declarations, in a user's struct and in lookout's (whose declaration
// order is the wire's, that of Validate).
func TestStructOrder(t *testing.T) {
	t.Parallel()
	type own struct {
		Prefix     *string `json:"prefix" validate:"lookout_s3_prefix"`
		KeyPattern *string `json:"keyPattern" validate:"lookout_key_pattern"`
		Bucket     string  `json:"bucket" validate:"lookout_s3_bucket"`
	}
	slash, empty := "/", ""
	paths := func(err error) []string {
		var out []string
		for _, f := range fieldsOf(t, err) {
			out = append(out, f.Path)
		}
		return out
	}
	assert.Equal(t, []string{"prefix", "keyPattern", "keyPattern", "bucket", "bucket"},
		paths(validate.Struct(own{Prefix: &slash, KeyPattern: &empty})))
	assert.Equal(t, []string{"Bucket", "KeyPattern", "Prefix"},
		paths(validate.Struct(lookout.IngestionS3InputConfiguration{Prefix: &slash, KeyPattern: "x"})))
}

// TestStructMapKeys checks map keys that hold the characters of a
// namespace: the path keeps them.
func TestStructMapKeys(t *testing.T) {
	t.Parallel()
	type patterns struct {
		ByName map[string]*string `json:"byName" validate:"dive,lookout_key_pattern"`
	}
	empty, bad := "", "x"
	err := validate.Struct(patterns{ByName: map[string]*string{
		"a].b[": &empty,
		"a":     &bad,
		"ok":    nil,
	}})
	want := append(
		violations(t, "lookout_key_pattern", "byName[a]", "x"),
		violations(t, "lookout_key_pattern", "byName[a].b[]", "")...)
	want = append(want, required("byName[ok]")...)
	assert.Equal(t, want, fieldsOf(t, err))
}

// TestStructBuiltinTags checks the translation of the built-in tags that
// users mix in.
func TestStructBuiltinTags(t *testing.T) {
	t.Parallel()
	type (
		strs struct {
			Required string  `json:"required" validate:"required"`
			Min      string  `json:"min" validate:"min=3"`
			Max      string  `json:"max" validate:"max=2"`
			LenShort string  `json:"lenShort" validate:"len=2"`
			LenLong  string  `json:"lenLong" validate:"len=2"`
			OneOf    string  `json:"oneOf" validate:"oneof=red 'dark blue'"`
			NilMin   *string `json:"nilMin" validate:"min=1"`
		}
		ints struct {
			Required int              `json:"required" validate:"required"`
			OneOf    int              `json:"oneOf" validate:"oneof=1 2"`
			OneOfU   uint8            `json:"oneOfU" validate:"oneof=7"`
			Struct   *struct{ A int } `json:"struct" validate:"required"`
		}
	)
	err := validate.Struct(strs{Min: "ab", Max: "abc", LenShort: "é", LenLong: "abc", OneOf: "green"})
	assert.Equal(t, []lookout.FieldError{
		{Path: "required", Constraint: lookout.ConstraintRequired},
		{Path: "min", Constraint: lookout.ConstraintMinLength, Limit: 3, Value: "ab"},
		{Path: "max", Constraint: lookout.ConstraintMaxLength, Limit: 2, Value: "abc"},
		{Path: "lenShort", Constraint: lookout.ConstraintMinLength, Limit: 2, Value: "é"},
		{Path: "lenLong", Constraint: lookout.ConstraintMaxLength, Limit: 2, Value: "abc"},
		{Path: "oneOf", Constraint: lookout.ConstraintEnum, Enum: []string{"red", "dark blue"}, Value: "green"},
		{Path: "nilMin", Constraint: lookout.ConstraintRequired},
	}, fieldsOf(t, err))
	assert.Contains(t, err.Error(), "Value 'green' at 'oneOf' failed to satisfy constraint: Member must satisfy enum value set: [red, dark blue]")

	err = validate.Struct(ints{OneOf: 3, OneOfU: 8})
	assert.Equal(t, []lookout.FieldError{
		{Path: "required", Constraint: lookout.ConstraintRequired},
		{Path: "oneOf", Constraint: lookout.ConstraintEnum, Enum: []string{"1", "2"}, Value: "3"},
		{Path: "oneOfU", Constraint: lookout.ConstraintEnum, Enum: []string{"7"}, Value: "8"},
		{Path: "struct", Constraint: lookout.ConstraintRequired},
	}, fieldsOf(t, err))

	// Lengths count code points, as both validator/v10 and lookout do.
	one := "é"
	assert.NoError(t, validate.Struct(strs{Required: "x", Min: "ééé", Max: "éé", LenShort: "éé", LenLong: "ab", OneOf: "dark blue", NilMin: &one}))
}

// TestStructMixedTags checks a struct that mixes lookout tags with
// validator/v10's own: one *lookout.ValidationException holds every
// violation, in the order of the fields, those without a service
// counterpart as ConstraintTag.
func TestStructMixedTags(t *testing.T) {
	t.Parallel()
	type mixed struct {
		Email   string  `json:"email" validate:"email"`
		Role    string  `json:"role" validate:"lookout_role_arn"`
		Count   int     `json:"count" validate:"min=1"`
		Website *string `json:"website" validate:"url"`
		Either  string  `json:"either" validate:"email|url"`
		Dataset string  `json:"dataset" validate:"required,lookout_dataset_name"`
		Ratio   float64 `json:"ratio" validate:"lt=1"`
	}
	err := validate.Struct(mixed{Email: "not an address", Role: "r", Either: "x", Ratio: 1.5})
	var ve *lookout.ValidationException
	require.ErrorAs(t, err, &ve)
	want := []lookout.FieldError{{Path: "email", Constraint: lookout.ConstraintTag, Tag: "email", Value: "not an address"}}
	want = append(want, violations(t, "lookout_role_arn", "role", "r")...)
	want = append(want,
		lookout.FieldError{Path: "count", Constraint: lookout.ConstraintTag, Tag: "min=1", Value: "0"},
		lookout.FieldError{Path: "website", Constraint: lookout.ConstraintRequired},
		lookout.FieldError{Path: "either", Constraint: lookout.ConstraintTag, Tag: "email|url", Value: "x"},
		lookout.FieldError{Path: "dataset", Constraint: lookout.ConstraintRequired},
		lookout.FieldError{Path: "ratio", Constraint: lookout.ConstraintTag, Tag: "lt=1", Value: "1.5"},
	)
	assert.Equal(t, want, ve.Fields)
	assert.Contains(t, ve.Message, "Value 'not an address' at 'email' failed to satisfy constraint: Member must satisfy validate tag email; ")
	assert.Contains(t, ve.Message, "Value '0' at 'count' failed to satisfy constraint: Member must satisfy validate tag min=1; ")
	assert.Contains(t, ve.Message, "Value null at 'website' failed to satisfy constraint: Member must not be null")

	var verrs validator.ValidationErrors
	assert.False(t, errors.As(err, &verrs), "validator/v10's errors are translated, every one")
}

// TestStructWrongKind checks a lookout tag on a field of a kind its value
// kind cannot be: a *TagError, as validator/v10's own tags panic there.
func TestStructWrongKind(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name  string
		value any
	}{
		{"int for a string kind", struct {
			N int `validate:"lookout_job_id"`
		}{5}},
		{"string for an integer kind", struct {
			N string `validate:"lookout_max_results"`
		}{"5"}},
		{"map for a list kind", struct {
			M map[string]string `validate:"lookout_tag_list"`
		}{map[string]string{"a": "b"}}},
		{"struct for a string kind", struct {
			S struct{ A string } `validate:"lookout_role_arn"`
		}{}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var te *validate.TagError
			require.ErrorAs(t, validate.Struct(c.value), &te)
			assert.Contains(t, te.Reason, "Bad field type ")
		})
	}
}

// TestStructInvalidArgument checks what is not a struct to validate.
func TestStructInvalidArgument(t *testing.T) {
	t.Parallel()
	req := testcases.Valid()
	for _, c := range []struct {
		name    string
		value   any
		message string
	}{
		{"nil", nil, "validate: cannot validate nil: want a struct or a non-nil pointer to a struct"},
		{"nil pointer", (*lookout.StartDataIngestionJobRequest)(nil),
			"validate: cannot validate a nil *lookout.StartDataIngestionJobRequest: want a struct or a non-nil pointer to a struct"},
		{"pointer to pointer", &req,
			"validate: cannot validate a value of type **lookout.StartDataIngestionJobRequest: want a struct or a non-nil pointer to a struct"},
		{"int", 42, "validate: cannot validate a value of type int: want a struct or a non-nil pointer to a struct"},
		{"string", "arn", "validate: cannot validate a value of type string: want a struct or a non-nil pointer to a struct"},
		{"time", time.Time{}, "validate: cannot validate a value of type time.Time: want a struct or a non-nil pointer to a struct"},
		{"pointer to time", &time.Time{}, "validate: cannot validate a value of type *time.Time: want a struct or a non-nil pointer to a struct"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var err error
			require.NotPanics(t, func() { err = validate.Struct(c.value) })
			var inv *validate.InvalidValueError
			require.ErrorAs(t, err, &inv)
			assert.Equal(t, reflect.TypeOf(c.value), inv.Type)
			assert.EqualError(t, err, c.message)
			var vinv *validator.InvalidValidationError
			assert.ErrorAs(t, err, &vinv, "validator/v10's own error is in the chain")
		})
	}
}

// TestStructTagError checks that tags validator/v10 cannot apply give a
// *TagError, not a panic: one case for each kind of message it panics
// with.
func TestStructTagError(t *testing.T) {
	t.Parallel()
	type (
		unknown struct {
			Name string `validate:"lookout_nothing"`
		}
		badParam struct {
			Name string `validate:"min=three"`
		}
		badUintParam struct {
			Count uint `validate:"max=-1"`
		}
		badFloatParam struct {
			Ratio float64 `validate:"gt=half"`
		}
		badBoolParam struct {
			Flag bool `validate:"eq=maybe"`
		}
		badDive struct {
			Name string `validate:"dive,lookout_role_arn"`
		}
		emptyTag struct {
			Name string `validate:"required,,lookout_role_arn"`
		}
		keysWithoutDive struct {
			Names map[string]string `validate:"keys,lookout_role_arn,endkeys"`
		}
		endKeysAlone struct {
			Names map[string]string `validate:"dive,endkeys,required"`
		}
		minOnStruct struct {
			Inner struct{ A int } `validate:"min=1"`
		}
		uniqueNoField struct {
			A string `validate:"unique=Missing"`
		}
		uniqueNoElemField struct {
			B []struct{ C string } `validate:"unique=Missing"`
		}
		requiredIfOdd struct {
			A string `validate:"required_if=B"`
			B string
		}
		requiredIfTwice struct {
			A string `validate:"required_if=B x B y"`
			B string
		}
		spiceDB struct {
			A string `validate:"spicedb=nothing"`
		}
	)
	for _, c := range []struct {
		name   string
		value  any
		reason string
	}{
		{"unknown tag", unknown{}, "Undefined validation function 'lookout_nothing' on field 'Name'"},
		{"empty tag", emptyTag{}, "Invalid validation tag on field 'Name'"},
		{"bad int parameter", badParam{Name: "x"}, `strconv.ParseInt: parsing "three": invalid syntax`},
		{"bad uint parameter", badUintParam{}, `strconv.ParseUint: parsing "-1": invalid syntax`},
		{"bad float parameter", badFloatParam{}, `strconv.ParseFloat: parsing "half": invalid syntax`},
		{"bad bool parameter", badBoolParam{}, `strconv.ParseBool: parsing "maybe": invalid syntax`},
		{"dive on a string", &badDive{}, "dive error! can't dive on a non slice or map"},
		{"keys without dive", keysWithoutDive{}, "'keys' tag must be immediately preceded by the 'dive' tag"},
		{"endkeys without keys", endKeysAlone{Names: map[string]string{"a": "b"}}, "'endkeys' tag encountered without a corresponding 'keys' tag"},
		{"min on a struct", minOnStruct{}, "Bad field type struct { A int }"},
		{"unique naming no field", uniqueNoField{}, "Bad field name provided Missing"},
		{"unique naming no field of the elements", uniqueNoElemField{B: []struct{ C string }{{C: "x"}, {C: "y"}}}, "Bad field name Missing"},
		{"required_if with an odd parameter count", requiredIfOdd{}, "Bad param number for required_if A"},
		{"required_if naming a field twice", requiredIfTwice{}, "Duplicate param B for required_if A"},
		{"unknown spicedb kind", spiceDB{A: "x"}, "Unrecognized parameter: nothing"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			var err error
			require.NotPanics(t, func() { err = validate.Struct(c.value) })
			var te *validate.TagError
			require.ErrorAs(t, err, &te)
			assert.Equal(t, reflect.TypeOf(c.value), te.Type)
			assert.Equal(t, c.reason, te.Reason)
			assert.Contains(t, err.Error(), "cannot be applied")
		})
	}
}

// panicky is a number that a tag reads through its String method, which
// panics with the value held.
type panicky struct{ value any }

func (p panicky) String() string { panic(p.value) }

// TestStructForeignPanic checks that a panic that is not validator/v10's
// about the tags is not turned into an error: Struct panics with the same
// value.
func TestStructForeignPanic(t *testing.T) {
	t.Parallel()
	type record struct {
		// "uuid" reads a value that is not a string through its
		// String method.
		ID panicky `validate:"uuid"`
	}
	boom := errors.New("boom")
	for _, c := range []struct {
		name  string
		value any
	}{
		{"an error", boom},
		{"a string", "boom"},
		{"a string that looks like validator/v10's but is not", "undefined validation function 'x'"},
		{"a number", 42},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			require.PanicsWithValue(t, c.value, func() { _ = validate.Struct(record{ID: panicky{c.value}}) })
		})
	}
}

// TestNew checks the validator New returns: JSON names in validator/v10's
// own errors, "required" on pointers to structs, and independent
// instances.
func TestNew(t *testing.T) {
	t.Parallel()
	type (
		inner  struct{ A string }
		record struct {
			Role  string `json:"role" validate:"lookout_role_arn"`
			Inner *inner `json:"inner" validate:"required"`
		}
	)
	v := validate.New()
	assert.NotSame(t, v, validate.New())
	err := v.Struct(record{})
	var verrs validator.ValidationErrors
	require.ErrorAs(t, err, &verrs)
	require.Len(t, verrs, 2)
	assert.Equal(t, "record.role", verrs[0].Namespace())
	assert.Equal(t, "record.Role", verrs[0].StructNamespace())
	assert.Equal(t, "lookout_role_arn", verrs[0].Tag())
	assert.Equal(t, "record.inner", verrs[1].Namespace())
	assert.NoError(t, v.Struct(record{Role: validArn, Inner: &inner{}}))

	// Translate gives what Struct gives.
	assert.Equal(t, validate.Struct(record{}), validate.Translate(record{}, err))
}

// TestRegister checks Register on a validator that has its own tags,
// aliases, options and tag name function: they keep working, and the
// lookout tags work beside them.
func TestRegister(t *testing.T) {
	t.Parallel()
	require.ErrorIs(t, validate.Register(nil), validate.ErrNilValidator)

	type form struct {
		Count   int     `form:"count" validate:"even"`
		Colour  string  `form:"colour" validate:"colour"`
		Role    string  `form:"role" validate:"lookout_role_arn"`
		Pattern *string `form:"pattern" json:"keyPattern" validate:"omitempty,lookout_key_pattern"`
	}
	v := validator.New()
	v.RegisterTagNameFunc(func(f reflect.StructField) string { return f.Tag.Get("form") })
	require.NoError(t, v.RegisterValidation("even", func(fl validator.FieldLevel) bool { return fl.Field().Int()%2 == 0 }))
	v.RegisterAlias("colour", "oneof=red green")
	require.NoError(t, validate.Register(v))
	require.NoError(t, validate.Register(v), "registering again replaces the tags")

	empty := ""
	value := form{Count: 3, Colour: "blue", Role: "arn", Pattern: &empty}
	err := v.Struct(value)
	var verrs validator.ValidationErrors
	require.ErrorAs(t, err, &verrs)
	var tags, namespaces []string
	for _, fe := range verrs {
		tags = append(tags, fe.Tag())
		namespaces = append(namespaces, fe.Namespace())
	}
	assert.Equal(t, []string{"even", "colour", "lookout_role_arn", "lookout_key_pattern"}, tags)
	assert.Equal(t, []string{"form.count", "form.colour", "form.role", "form.pattern"}, namespaces,
		"the validator's own names are kept")

	// Translate: JSON paths, whatever the validator's names; "even" has
	// no service counterpart, and keeps its name; the alias "colour"
	// translates as the oneof it stands for.
	terr := validate.Translate(value, err)
	want := []lookout.FieldError{
		{Path: "Count", Constraint: lookout.ConstraintTag, Tag: "even", Value: "3"},
		{Path: "Colour", Constraint: lookout.ConstraintEnum, Enum: []string{"red", "green"}, Value: "blue"},
	}
	want = append(want, violations(t, "lookout_role_arn", "Role", "arn")...)
	want = append(want, violations(t, "lookout_key_pattern", "keyPattern", "")...)
	assert.Equal(t, want, fieldsOf(t, terr))

	valid := form{Count: 2, Colour: "red", Role: validArn}
	assert.NoError(t, v.Struct(valid))
	assert.NoError(t, validate.Translate(valid, v.Struct(valid)))
}

// TestVar checks the tags on single values: a nil pointer is absent, an
// empty string a value, and "omitempty" skips both.
func TestVar(t *testing.T) {
	t.Parallel()
	v := validate.New()
	empty, bad := "", "x"
	for _, c := range []struct {
		name  string
		value any
		tag   string
		want  []lookout.FieldError
	}{
		{"plain empty, omitempty", "", "omitempty,lookout_key_pattern", nil},
		{"plain empty", "", "lookout_key_pattern", violations(t, "lookout_key_pattern", "", "")},
		{"pointer to empty, omitempty", &empty, "omitempty,lookout_key_pattern", violations(t, "lookout_key_pattern", "", "")},
		{"nil pointer, omitempty", (*string)(nil), "omitempty,lookout_key_pattern", nil},
		{"nil pointer", (*string)(nil), "lookout_key_pattern", required("")},
		{"plain empty, required", "", "required,lookout_dataset_name", required("")},
		{"pointer to empty, required", &empty, "required,lookout_dataset_name", violations(t, "lookout_dataset_name", "", "")},
		{"nil pointer, required", (*string)(nil), "required,lookout_dataset_name", required("")},
		{"invalid", &bad, "lookout_s3_bucket", violations(t, "lookout_s3_bucket", "", "x")},
		{"slice", []*string{nil, &empty}, "dive,omitempty,lookout_job_status", violations(t, "lookout_job_status", "[1]", "")},
		{"integer", int32(0), "lookout_max_results", []lookout.FieldError{{Constraint: lookout.ConstraintMinValue, Limit: 1, Value: "0"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			err := validate.Translate(c.value, v.Var(c.value, c.tag))
			assert.Equal(t, c.want, fieldsOf(t, err))
		})
	}
}

// TestTranslatePassThrough checks the errors Translate does not change.
func TestTranslatePassThrough(t *testing.T) {
	t.Parallel()
	assert.NoError(t, validate.Translate(nil, nil))
	assert.Same(t, io.EOF, validate.Translate(nil, io.EOF))
	ve := lookout.NewValidationException([]lookout.FieldError{{Path: "x", Constraint: lookout.ConstraintRequired}})
	assert.Same(t, ve, validate.Translate(nil, ve))
	te := &validate.TagError{Reason: "r"}
	assert.Same(t, te, validate.Translate(nil, te))

	// validator/v10's errors, wrapped, are still found.
	type record struct {
		Role string `json:"role" validate:"lookout_role_arn"`
	}
	err := validate.New().Struct(record{})
	got := validate.Translate(record{}, fmt.Errorf("checking: %w", err))
	assert.Equal(t, violations(t, "lookout_role_arn", "role", ""), fieldsOf(t, got))
	var inv *validate.InvalidValueError
	assert.ErrorAs(t, validate.Translate(nil, validate.New().Struct(nil)), &inv)
}

// TestJSONName checks the names read from json tags.
func TestJSONName(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		tag  reflect.StructTag
		want string
	}{
		{``, ""},
		{`json:"plain"`, "plain"},
		{`json:"omit,omitempty"`, "omit"},
		{`json:",omitempty"`, ""},
		{`json:"-"`, ""},
		{`json:"-,"`, "-"},
		{`json:"a\"b"`, ""},
		{`json:"a\\b"`, ""},
		{`json:"a-b.c$"`, "a-b.c$"},
		{`json:"名前"`, "名前"},
		{`yaml:"other"`, ""},
		{`yaml:"other" json:"mine"`, "mine"},
	} {
		f := reflect.StructField{Name: "Field", Type: reflect.TypeFor[string](), Tag: c.tag}
		assert.Equal(t, c.want, validate.JSONName(f), "%s", c.tag)
	}
}

// TestStructConcurrent validates from many goroutines at once with the
// shared validator; run it with -race.
func TestStructConcurrent(t *testing.T) {
	t.Parallel()
	type record struct {
		Role    string  `json:"role" validate:"lookout_role_arn"`
		Dataset *string `json:"dataset" validate:"omitempty,lookout_dataset_name"`
	}
	const goroutines = 32
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i, c := range testcases.Requests {
				if (i+g)%2 == 0 {
					continue
				}
				req := c.Request()
				if req == nil {
					continue
				}
				want, got := req.Validate(), validate.Struct(req)
				if want == nil {
					assert.NoError(t, got, c.Name)
					continue
				}
				assert.Equal(t, want.Error(), fmt.Sprint(got), c.Name)
			}
			name := strings.Repeat("n", g)
			err := validate.Struct(&record{Role: validArn, Dataset: &name})
			if g == 0 {
				assert.Equal(t, violations(t, "lookout_dataset_name", "dataset", ""), fieldsOf(t, err))
			} else {
				assert.NoError(t, err)
			}
		}()
	}
	wg.Wait()
}
