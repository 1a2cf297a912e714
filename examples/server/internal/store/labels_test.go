package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var t0 = time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)

func hours(h int) time.Time { return t0.Add(time.Duration(h) * time.Hour) }

func TestLabelGroupLifecycle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openMemory(t, testOptions())

	g, replay, err := s.CreateLabelGroup(ctx, NewLabelGroup{Name: "pumps", ClientToken: "tok-1",
		FaultCodes: []string{"bearing", "seal"}, Tags: []Tag{{"team", "a"}}})
	require.NoError(t, err)
	assert.False(t, replay)
	assert.Regexp(t, `^arn:aws:lookoutequipment:us-east-1:123456789012:label-group/pumps/[0-9a-f-]{36}$`, g.ARN)
	assert.Equal(t, []string{"bearing", "seal"}, g.FaultCodes)

	got, err := s.LabelGroup(ctx, "pumps")
	require.NoError(t, err)
	assert.Equal(t, g, got)
	tags, err := s.Tags(ctx, g.ARN)
	require.NoError(t, err)
	assert.Equal(t, []Tag{{"team", "a"}}, tags)

	// The same token and parameters: the same group; other parameters: a
	// conflict naming no group.
	again, replay, err := s.CreateLabelGroup(ctx, NewLabelGroup{Name: "pumps", ClientToken: "tok-1",
		FaultCodes: []string{"bearing", "seal"}, Tags: []Tag{{"team", "a"}}})
	require.NoError(t, err)
	assert.True(t, replay)
	assert.Equal(t, g, again)
	_, _, err = s.CreateLabelGroup(ctx, NewLabelGroup{Name: "pumps", ClientToken: "tok-1", FaultCodes: []string{"seal"}})
	var cf *ConflictError
	require.ErrorAs(t, err, &cf)
	assert.Equal(t, ReasonTokenReused, cf.Reason)
	assert.Equal(t, "The ClientToken was already used to create a label group with different parameters", cf.Error())
	_, _, err = s.CreateLabelGroup(ctx, NewLabelGroup{Name: "pumps", ClientToken: "tok-2"})
	require.ErrorAs(t, err, &cf)
	assert.Equal(t, "Label group pumps already exists", cf.Error())

	require.NoError(t, s.UpdateLabelGroup(ctx, "pumps", []string{"motor"}))
	got, err = s.LabelGroup(ctx, "pumps")
	require.NoError(t, err)
	assert.Equal(t, []string{"motor"}, got.FaultCodes)
	require.NoError(t, s.UpdateLabelGroup(ctx, "pumps", nil)) // nothing changes
	got2, err := s.LabelGroup(ctx, "pumps")
	require.NoError(t, err)
	assert.Equal(t, got, got2)

	var nf *NotFoundError
	require.ErrorAs(t, s.UpdateLabelGroup(ctx, "fans", []string{"x"}), &nf)
	assert.Equal(t, "Label group fans does not exist", nf.Error())
	_, err = s.LabelGroup(ctx, "fans")
	require.ErrorAs(t, err, &nf)

	l, _, err := s.CreateLabel(ctx, NewLabel{Group: "pumps", Start: hours(1), End: hours(2), Rating: "ANOMALY", FaultCode: "motor"})
	require.NoError(t, err)
	require.NoError(t, s.DeleteLabelGroup(ctx, "pumps"))
	require.ErrorAs(t, s.DeleteLabelGroup(ctx, "pumps"), &nf)
	_, err = s.Label(ctx, "pumps", l.ID)
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, ResourceLabelGroup, nf.Resource)
	_, err = s.Tags(ctx, g.ARN)
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, ResourceARN, nf.Resource)

	// A new group of the same name has none of the old one's tags or
	// labels, and its token is new.
	g2, replay, err := s.CreateLabelGroup(ctx, NewLabelGroup{Name: "pumps", ClientToken: "tok-3"})
	require.NoError(t, err)
	assert.False(t, replay)
	assert.NotEqual(t, g.ARN, g2.ARN)
	tags, err = s.Tags(ctx, g2.ARN)
	require.NoError(t, err)
	assert.Empty(t, tags)
	list, _, err := s.ListLabels(ctx, LabelFilter{Group: "pumps"}, Page{})
	require.NoError(t, err)
	assert.Empty(t, list)
}

func TestMaxLabelGroups(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	opts := testOptions()
	opts.MaxLabelGroups = 2
	s := openMemory(t, opts)
	for _, name := range []string{"a", "b"} {
		_, _, err := s.CreateLabelGroup(ctx, NewLabelGroup{Name: name, ClientToken: name})
		require.NoError(t, err)
	}
	_, _, err := s.CreateLabelGroup(ctx, NewLabelGroup{Name: "c", ClientToken: "c"})
	var q *QuotaError
	require.ErrorAs(t, err, &q)
	assert.Equal(t, "The number of label groups has reached the quota of 2", q.Error())
	// A replay is no new group: the quota does not refuse it.
	_, replay, err := s.CreateLabelGroup(ctx, NewLabelGroup{Name: "a", ClientToken: "a"})
	require.NoError(t, err)
	assert.True(t, replay)
	require.NoError(t, s.DeleteLabelGroup(ctx, "a"))
	_, _, err = s.CreateLabelGroup(ctx, NewLabelGroup{Name: "c", ClientToken: "c"})
	require.NoError(t, err)
}

func TestLabels(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openMemory(t, testOptions())
	g, _, err := s.CreateLabelGroup(ctx, NewLabelGroup{Name: "pumps", FaultCodes: []string{"bearing", "seal"}})
	require.NoError(t, err)

	var nf *NotFoundError
	_, _, err = s.CreateLabel(ctx, NewLabel{Group: "fans", Start: hours(0), End: hours(1), Rating: "ANOMALY"})
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, "Label group fans does not exist", nf.Error())
	_, _, err = s.CreateLabel(ctx, NewLabel{Group: "pumps", Start: hours(0), End: hours(1), Rating: "ANOMALY", FaultCode: "motor"})
	var fc *FaultCodeError
	require.ErrorAs(t, err, &fc)
	assert.Equal(t, `FaultCode "motor" is not one of the FaultCodes of label group pumps`, fc.Error())

	in := NewLabel{Group: "pumps", ClientToken: "l-1", Start: hours(3), End: hours(5), Rating: "ANOMALY",
		FaultCode: "seal", Equipment: "pump-1", Notes: "leak"}
	l, replay, err := s.CreateLabel(ctx, in)
	require.NoError(t, err)
	assert.False(t, replay)
	assert.Regexp(t, `^[0-9a-f]{32}$`, l.ID)
	assert.Equal(t, g.ARN, l.GroupARN)
	got, err := s.Label(ctx, "pumps", strings.ToUpper(l.ID))
	require.NoError(t, err)
	assert.Equal(t, l, got)

	again, replay, err := s.CreateLabel(ctx, in)
	require.NoError(t, err)
	assert.True(t, replay)
	assert.Equal(t, l, again)
	other := in
	other.Notes = "another"
	_, _, err = s.CreateLabel(ctx, other)
	var cf *ConflictError
	require.ErrorAs(t, err, &cf)
	assert.Equal(t, "The ClientToken was already used to create a label with different parameters", cf.Error())

	_, err = s.Label(ctx, "pumps", "00000000000000000000000000000000")
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, "Label 00000000000000000000000000000000 does not exist in label group pumps", nf.Error())
	require.NoError(t, s.DeleteLabel(ctx, "pumps", l.ID))
	require.ErrorAs(t, s.DeleteLabel(ctx, "pumps", l.ID), &nf)
	require.ErrorAs(t, s.DeleteLabel(ctx, "fans", l.ID), &nf)
	assert.Equal(t, ResourceLabelGroup, nf.Resource)
	// Its token went with it: a replay makes a new label.
	l2, replay, err := s.CreateLabel(ctx, in)
	require.NoError(t, err)
	assert.False(t, replay)
	assert.NotEqual(t, l.ID, l2.ID)

	// Times beyond Unix nanoseconds in an int64 are kept.
	far := NewLabel{Group: "pumps", Start: time.Date(9999, 1, 1, 0, 0, 0, 5, time.UTC),
		End: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), Rating: "NEUTRAL"}
	lf, _, err := s.CreateLabel(ctx, far)
	require.NoError(t, err)
	got, err = s.Label(ctx, "pumps", lf.ID)
	require.NoError(t, err)
	assert.True(t, far.Start.Equal(got.Start), got.Start)
	assert.True(t, far.End.Equal(got.End), got.End)
}

func TestListLabels(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openMemory(t, testOptions())
	_, _, err := s.CreateLabelGroup(ctx, NewLabelGroup{Name: "pumps", FaultCodes: []string{"a", "b"}})
	require.NoError(t, err)
	_, _, err = s.CreateLabelGroup(ctx, NewLabelGroup{Name: "other"})
	require.NoError(t, err)
	_, _, err = s.CreateLabel(ctx, NewLabel{Group: "other", Start: hours(0), End: hours(100), Rating: "ANOMALY"})
	require.NoError(t, err)
	// Labels [i, i+2) hours, made in reverse order; every third on fault
	// code b and equipment e2; two start at hour 4.
	type made struct {
		id    string
		start time.Time
	}
	var all []made
	for i := 9; i >= 0; i-- {
		l := NewLabel{Group: "pumps", Start: hours(i), End: hours(i + 2), Rating: "ANOMALY", FaultCode: "a", Equipment: "e1"}
		if i%3 == 0 {
			l.FaultCode, l.Equipment = "b", "e2"
		}
		got, _, err := s.CreateLabel(ctx, l)
		require.NoError(t, err)
		all = append(all, made{got.ID, got.Start})
	}
	dup, _, err := s.CreateLabel(ctx, NewLabel{Group: "pumps", Start: hours(4), End: hours(4), Rating: "NO_ANOMALY"})
	require.NoError(t, err)
	all = append(all, made{dup.ID, dup.Start})

	listAll := func(f LabelFilter, limit int) []Label {
		var out []Label
		p := Page{Limit: limit}
		for {
			page, next, err := s.ListLabels(ctx, f, p)
			require.NoError(t, err)
			require.LessOrEqual(t, len(page), limit)
			out = append(out, page...)
			if next == "" {
				return out
			}
			p.Token = next
		}
	}
	starts := func(ls []Label) []string {
		var out []string
		for _, l := range ls {
			out = append(out, fmt.Sprintf("%d", int(l.Start.Sub(t0).Hours())))
		}
		return out
	}
	for _, limit := range []int{1, 2, 3, 50} {
		got := listAll(LabelFilter{Group: "pumps"}, limit)
		require.Len(t, got, 11)
		want := slices.Clone(all)
		slices.SortFunc(want, func(a, b made) int {
			if c := a.start.Compare(b.start); c != 0 {
				return c
			}
			return strings.Compare(a.id, b.id)
		})
		for i := range want {
			assert.Equal(t, want[i].id, got[i].ID)
		}
		assert.Equal(t, []string{"0", "1", "2", "3", "4", "4", "5", "6", "7", "8", "9"}, starts(got))
		for i := 1; i < len(got); i++ {
			if got[i].Start.Equal(got[i-1].Start) {
				assert.Less(t, got[i-1].ID, got[i].ID, "same start: by id")
			}
		}
	}
	// Ending at or after 5 and starting before 7: [3,5) [4,6) [4,4]? no:
	// [4,4] ends at 4.
	in := func(h int) *time.Time { v := hours(h); return &v }
	assert.Equal(t, []string{"3", "4", "5", "6"}, starts(listAll(LabelFilter{Group: "pumps", IntervalStart: in(5), IntervalEnd: in(7)}, 2)))
	assert.Equal(t, []string{"0", "3", "6", "9"}, starts(listAll(LabelFilter{Group: "pumps", FaultCode: "b"}, 1)))
	assert.Equal(t, []string{"0", "3"}, starts(listAll(LabelFilter{Group: "pumps", Equipment: "e2", IntervalEnd: in(4)}, 1)))
	assert.Empty(t, listAll(LabelFilter{Group: "fans"}, 5))

	// A token is bound to its filters.
	_, next, err := s.ListLabels(ctx, LabelFilter{Group: "pumps", FaultCode: "a"}, Page{Limit: 1})
	require.NoError(t, err)
	require.NotEmpty(t, next)
	for _, f := range []LabelFilter{{Group: "pumps"}, {Group: "other", FaultCode: "a"}, {Group: "pumps", FaultCode: "a", IntervalEnd: in(3)}} {
		_, _, err = s.ListLabels(ctx, f, Page{Limit: 1, Token: next})
		var it *InvalidTokenError
		require.ErrorAs(t, err, &it, "%+v", f)
	}
	_, _, err = s.ListLabels(ctx, LabelFilter{Group: "pumps"}, Page{Limit: 501})
	var pl *PageLimitError
	require.ErrorAs(t, err, &pl)
}

func TestListLabelGroups(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openMemory(t, testOptions())
	names := []string{"pump-b", "fan", "pump-a", "pump", "pumq", "Pump"}
	for _, n := range names {
		_, _, err := s.CreateLabelGroup(ctx, NewLabelGroup{Name: n})
		require.NoError(t, err)
	}
	listAll := func(prefix string, limit int) []string {
		var out []string
		p := Page{Limit: limit}
		for {
			page, next, err := s.ListLabelGroups(ctx, LabelGroupFilter{NameBeginsWith: prefix}, p)
			require.NoError(t, err)
			for _, g := range page {
				out = append(out, g.Name)
				assert.Nil(t, g.FaultCodes)
			}
			if next == "" {
				return out
			}
			p.Token = next
			// A group made meanwhile before the page's position is not
			// seen; none is repeated or skipped.
		}
	}
	for _, limit := range []int{1, 2, 50} {
		assert.Equal(t, []string{"Pump", "fan", "pump", "pump-a", "pump-b", "pumq"}, listAll("", limit))
		assert.Equal(t, []string{"pump", "pump-a", "pump-b"}, listAll("pump", limit))
	}
	assert.Empty(t, listAll("x", 1))
	_, next, err := s.ListLabelGroups(ctx, LabelGroupFilter{NameBeginsWith: "pump"}, Page{Limit: 1})
	require.NoError(t, err)
	_, _, err = s.ListLabelGroups(ctx, LabelGroupFilter{}, Page{Token: next})
	var it *InvalidTokenError
	require.ErrorAs(t, err, &it)
	_, _, err = s.ListDatasets(ctx, DatasetFilter{NameBeginsWith: "pump"}, Page{Token: next})
	require.ErrorAs(t, err, &it, "a label groups' token is not a datasets' one")
}

func TestTags(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openMemory(t, testOptions())
	ds, _, err := s.CreateDataset(ctx, NewDataset{Name: "pumps", Tags: []Tag{{"b", "1"}, {"a", "2"}}})
	require.NoError(t, err)
	tags, err := s.Tags(ctx, ds.ARN)
	require.NoError(t, err)
	assert.Equal(t, []Tag{{"a", "2"}, {"b", "1"}}, tags)

	require.NoError(t, s.TagResource(ctx, ds.ARN, []Tag{{"a", "3"}, {"c", "x"}, {"c", "y"}}))
	tags, err = s.Tags(ctx, ds.ARN)
	require.NoError(t, err)
	assert.Equal(t, []Tag{{"a", "3"}, {"b", "1"}, {"c", "y"}}, tags)
	require.NoError(t, s.UntagResource(ctx, ds.ARN, []string{"b", "absent"}))
	tags, err = s.Tags(ctx, ds.ARN)
	require.NoError(t, err)
	assert.Equal(t, []Tag{{"a", "3"}, {"c", "y"}}, tags)

	// Up to MaxTags: 198 more fit, one past it changes nothing.
	var many []Tag
	for i := range MaxTags - 2 {
		many = append(many, Tag{fmt.Sprintf("k%03d", i), "v"})
	}
	require.NoError(t, s.TagResource(ctx, ds.ARN, many))
	require.NoError(t, s.TagResource(ctx, ds.ARN, []Tag{{"a", "replaced"}})) // a key it has
	err = s.TagResource(ctx, ds.ARN, []Tag{{"a", "4"}, {"new", "v"}})
	var tl *TagLimitError
	require.ErrorAs(t, err, &tl)
	assert.Equal(t, 201, tl.Tags)
	tags, err = s.Tags(ctx, ds.ARN)
	require.NoError(t, err)
	assert.Len(t, tags, MaxTags)
	assert.Equal(t, Tag{"a", "replaced"}, tags[0])

	var nf *NotFoundError
	for _, arn := range []string{
		"arn:aws:lookoutequipment:us-east-1:123456789012:dataset/pumps/00000000-0000-4000-8000-000000000000",
		"arn:aws:lookoutequipment:us-east-1:123456789012:dataset/fans/x",
		"arn:aws:lookoutequipment:us-east-1:123456789012:label-group/pumps/x",
		"arn:aws:lookoutequipment:us-east-1:123456789012:model/pumps/x",
	} {
		require.ErrorAs(t, s.TagResource(ctx, arn, []Tag{{"a", "b"}}), &nf, arn)
		require.ErrorAs(t, s.UntagResource(ctx, arn, []string{"a"}), &nf, arn)
		_, err := s.Tags(ctx, arn)
		require.ErrorAs(t, err, &nf, arn)
		assert.Equal(t, "Resource "+arn+" does not exist", nf.Error())
	}

	// Deleting the dataset deletes its tags: a new one of the same name
	// (another ARN) has none, and the old ARN is unknown.
	require.NoError(t, s.DeleteDataset(ctx, "pumps"))
	_, err = s.Tags(ctx, ds.ARN)
	require.ErrorAs(t, err, &nf)
	var n int
	require.NoError(t, s.r.QueryRow(`SELECT COUNT(*) FROM tags`).Scan(&n))
	assert.Zero(t, n)
}

func TestPolicies(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openMemory(t, testOptions())
	g, _, err := s.CreateLabelGroup(ctx, NewLabelGroup{Name: "pumps"})
	require.NoError(t, err)
	arn := g.ARN

	var nf *NotFoundError
	_, err = s.Policy(ctx, arn)
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, "Resource "+arn+" has no resource policy", nf.Error())
	require.ErrorAs(t, s.DeletePolicy(ctx, arn), &nf)
	assert.Equal(t, ResourcePolicy, nf.Resource)

	var cf *ConflictError
	_, _, err = s.PutPolicy(ctx, NewPolicy{ARN: arn, Document: `{}`, RevisionID: "abc"})
	require.ErrorAs(t, err, &cf)
	assert.Equal(t, ReasonPolicyRevision, cf.Reason)

	p1, replay, err := s.PutPolicy(ctx, NewPolicy{ARN: arn, Document: `{"v":1}`, ClientToken: "t1"})
	require.NoError(t, err)
	assert.False(t, replay)
	assert.Regexp(t, `^[0-9a-f]{32}$`, p1.RevisionID)
	got, err := s.Policy(ctx, arn)
	require.NoError(t, err)
	assert.Equal(t, p1, got)

	again, replay, err := s.PutPolicy(ctx, NewPolicy{ARN: arn, Document: `{"v":1}`, ClientToken: "t1"})
	require.NoError(t, err)
	assert.True(t, replay)
	assert.Equal(t, p1.RevisionID, again.RevisionID)
	_, _, err = s.PutPolicy(ctx, NewPolicy{ARN: arn, Document: `{"v":2}`, ClientToken: "t1"})
	require.ErrorAs(t, err, &cf)
	assert.Equal(t, ReasonTokenReused, cf.Reason)

	_, _, err = s.PutPolicy(ctx, NewPolicy{ARN: arn, Document: `{"v":2}`, RevisionID: "0123"})
	require.ErrorAs(t, err, &cf)
	assert.Equal(t, "The PolicyRevisionId is not the current revision of the resource policy of "+arn, cf.Error())
	p2, _, err := s.PutPolicy(ctx, NewPolicy{ARN: arn, Document: `{"v":2}`, RevisionID: p1.RevisionID})
	require.NoError(t, err)
	assert.NotEqual(t, p1.RevisionID, p2.RevisionID)
	assert.Equal(t, p1.CreatedAt, p2.CreatedAt)
	p3, _, err := s.PutPolicy(ctx, NewPolicy{ARN: arn, Document: `{"v":3}`}) // overwrites
	require.NoError(t, err)
	got, err = s.Policy(ctx, arn)
	require.NoError(t, err)
	assert.Equal(t, p3, got)
	assert.Equal(t, `{"v":3}`, got.Document)

	require.NoError(t, s.DeletePolicy(ctx, arn))
	_, err = s.Policy(ctx, arn)
	require.ErrorAs(t, err, &nf)

	unknown := "arn:aws:lookoutequipment:us-east-1:123456789012:model/m/1"
	_, _, err = s.PutPolicy(ctx, NewPolicy{ARN: unknown, Document: `{}`})
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, ResourceARN, nf.Resource)

	// Deleting the resource deletes its policy.
	_, _, err = s.PutPolicy(ctx, NewPolicy{ARN: arn, Document: `{}`, ClientToken: "t2"})
	require.NoError(t, err)
	require.NoError(t, s.DeleteLabelGroup(ctx, "pumps"))
	var n int
	require.NoError(t, s.r.QueryRow(`SELECT (SELECT COUNT(*) FROM policies) + (SELECT COUNT(*) FROM policy_tokens)`).Scan(&n))
	assert.Zero(t, n)
}

// TestLabelsReopen: what the label, tag and policy operations acknowledged
// is there after the database is opened again.
func TestLabelsReopen(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, path := openFile(t, testOptions())
	ds, _, err := s.CreateDataset(ctx, NewDataset{Name: "pumps", ClientToken: "d", Tags: []Tag{{"k", "v"}}})
	require.NoError(t, err)
	g, _, err := s.CreateLabelGroup(ctx, NewLabelGroup{Name: "pumps", ClientToken: "g", FaultCodes: []string{"a"}, Tags: []Tag{{"x", "y"}}})
	require.NoError(t, err)
	l, _, err := s.CreateLabel(ctx, NewLabel{Group: "pumps", ClientToken: "l", Start: hours(1), End: hours(2), Rating: "ANOMALY", FaultCode: "a"})
	require.NoError(t, err)
	p, _, err := s.PutPolicy(ctx, NewPolicy{ARN: ds.ARN, Document: `{}`, ClientToken: "p"})
	require.NoError(t, err)
	require.NoError(t, s.TagResource(ctx, g.ARN, []Tag{{"z", "w"}}))
	require.NoError(t, s.Close())

	s, err = Open(path, testOptions())
	require.NoError(t, err)
	defer s.Close()
	gotG, err := s.LabelGroup(ctx, "pumps")
	require.NoError(t, err)
	assert.Equal(t, g, gotG)
	gotL, err := s.Label(ctx, "pumps", l.ID)
	require.NoError(t, err)
	assert.Equal(t, l, gotL)
	gotP, err := s.Policy(ctx, ds.ARN)
	require.NoError(t, err)
	assert.Equal(t, p, gotP)
	tags, err := s.Tags(ctx, ds.ARN)
	require.NoError(t, err)
	assert.Equal(t, []Tag{{"k", "v"}}, tags)
	tags, err = s.Tags(ctx, g.ARN)
	require.NoError(t, err)
	assert.Equal(t, []Tag{{"x", "y"}, {"z", "w"}}, tags)
	// The tokens replay.
	_, replay, err := s.CreateLabel(ctx, NewLabel{Group: "pumps", ClientToken: "l", Start: hours(1), End: hours(2), Rating: "ANOMALY", FaultCode: "a"})
	require.NoError(t, err)
	assert.True(t, replay)
	_, replay, err = s.CreateLabelGroup(ctx, NewLabelGroup{Name: "pumps", ClientToken: "g", FaultCodes: []string{"a"}, Tags: []Tag{{"x", "y"}}})
	require.NoError(t, err)
	assert.True(t, replay)
}

// TestMigrateTags: a database whose datasets were tagged before the tags
// had a table gets their tags in it, once.
func TestMigrateTags(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, path := openFile(t, testOptions())
	ds, _, err := s.CreateDataset(ctx, NewDataset{Name: "pumps", Tags: []Tag{{"k", "v"}, {"k2", "v2"}}})
	require.NoError(t, err)
	// As an older store left it: no tags table row, no migration mark.
	execRaw(t, s, `DELETE FROM tags; DELETE FROM meta WHERE key = 'tags_table'`)
	require.NoError(t, s.Close())

	s, err = Open(path, testOptions())
	require.NoError(t, err)
	tags, err := s.Tags(ctx, ds.ARN)
	require.NoError(t, err)
	assert.Equal(t, []Tag{{"k", "v"}, {"k2", "v2"}}, tags)
	require.NoError(t, s.UntagResource(ctx, ds.ARN, []string{"k"}))
	require.NoError(t, s.Close())

	s, err = Open(path, testOptions())
	require.NoError(t, err)
	defer s.Close()
	tags, err = s.Tags(ctx, ds.ARN)
	require.NoError(t, err)
	assert.Equal(t, []Tag{{"k2", "v2"}}, tags, "the migration runs once")
}
