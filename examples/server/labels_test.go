package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// wireClient is a client of a's handler, served in process.
func wireClient(t *testing.T, a *app) client {
	t.Helper()
	return client{t: t, url: httptestServer(t, a.handler) + "/"}
}

// wantError checks that calling op with req fails with the error code,
// one that the model lists for op, and returns the message.
func (c client) wantError(op string, req any, code string) string {
	c.t.Helper()
	err := c.call(op, req, &struct{}{})
	require.Error(c.t, err, op)
	require.Equal(c.t, code, lookout.ErrorCode(err), "%s: %v", op, err)
	require.Contains(c.t, lookout.OperationErrors(op), code, op)
	var msg string
	if m, ok := err.(interface{ ErrorMessage() string }); ok {
		msg = m.ErrorMessage()
	}
	return msg
}

var labelTime = time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)

func at(h int) *lookout.Timestamp {
	return new(lookout.TimestampOf(labelTime.Add(time.Duration(h) * time.Hour)))
}

func labelReq(token string, start, end int, code string) *lookout.CreateLabelRequest {
	return &lookout.CreateLabelRequest{ClientToken: token, LabelGroupName: "pumps", StartTime: at(start), EndTime: at(end),
		Rating: lookout.LabelRatingAnomaly, FaultCode: code, Equipment: "pump-1", Notes: "seen on site"}
}

func TestLabelGroupsOverTheWire(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.maxLabelGroups = 3
	a, clk := newTestApp(t, cfg)
	c := wireClient(t, a)

	var created lookout.CreateLabelGroupResponse
	c.must("CreateLabelGroup", &lookout.CreateLabelGroupRequest{ClientToken: "g-1", LabelGroupName: "pumps",
		FaultCodes: []string{"bearing", "seal"}, Tags: []lookout.Tag{{Key: "team", Value: new("ops")}}}, &created)
	assert.Regexp(t, `^arn:aws:lookoutequipment:us-east-1:123456789012:label-group/pumps/[0-9a-f-]{36}$`, created.LabelGroupArn)
	// A replay answers the same; other parameters with the token, or the
	// name again, conflict.
	var again lookout.CreateLabelGroupResponse
	c.must("CreateLabelGroup", &lookout.CreateLabelGroupRequest{ClientToken: "g-1", LabelGroupName: "pumps",
		FaultCodes: []string{"bearing", "seal"}, Tags: []lookout.Tag{{Key: "team", Value: new("ops")}}}, &again)
	assert.Equal(t, created, again)
	assert.Equal(t, "The ClientToken was already used to create a label group with different parameters",
		c.wantError("CreateLabelGroup", &lookout.CreateLabelGroupRequest{ClientToken: "g-1", LabelGroupName: "pumps"}, lookout.CodeConflict))
	assert.Equal(t, "Label group pumps already exists",
		c.wantError("CreateLabelGroup", &lookout.CreateLabelGroupRequest{ClientToken: "g-2", LabelGroupName: "pumps"}, lookout.CodeConflict))
	assert.Equal(t, `FaultCodes lists "seal" more than once`,
		c.wantError("CreateLabelGroup", &lookout.CreateLabelGroupRequest{ClientToken: "g-3", LabelGroupName: "fans",
			FaultCodes: []string{"seal", "seal"}}, lookout.CodeValidation))
	many := make([]string, 51)
	for i := range many {
		many[i] = fmt.Sprint("code-", i)
	}
	c.wantError("CreateLabelGroup", &lookout.CreateLabelGroupRequest{ClientToken: "g-4", LabelGroupName: "fans", FaultCodes: many},
		lookout.CodeValidation)

	var desc lookout.DescribeLabelGroupResponse
	c.must("DescribeLabelGroup", &lookout.DescribeLabelGroupRequest{LabelGroupName: "pumps"}, &desc)
	assert.Equal(t, []string{"bearing", "seal"}, desc.FaultCodes)
	assert.Equal(t, created.LabelGroupArn, desc.LabelGroupArn)
	assert.Equal(t, clk.Now(), desc.CreatedAt.Time(), "the server's clock")
	assert.Equal(t, "Label group fans does not exist",
		c.wantError("DescribeLabelGroup", &lookout.DescribeLabelGroupRequest{LabelGroupName: "fans"}, lookout.CodeResourceNotFound))

	clk.Advance(time.Hour)
	c.must("UpdateLabelGroup", &lookout.UpdateLabelGroupRequest{LabelGroupName: "pumps", FaultCodes: []string{"bearing", "motor"}},
		&lookout.UpdateLabelGroupResponse{})
	c.must("DescribeLabelGroup", &lookout.DescribeLabelGroupRequest{LabelGroupName: "pumps"}, &desc)
	assert.Equal(t, []string{"bearing", "motor"}, desc.FaultCodes)
	assert.Equal(t, clk.Now(), desc.UpdatedAt.Time())
	c.wantError("UpdateLabelGroup", &lookout.UpdateLabelGroupRequest{LabelGroupName: "fans", FaultCodes: []string{"x"}},
		lookout.CodeResourceNotFound)

	// Labels: a fault code of the group, a group that exists, an end
	// not before the start.
	var label lookout.CreateLabelResponse
	c.must("CreateLabel", labelReq("l-1", 1, 3, "motor"), &label)
	require.NotNil(t, label.LabelId)
	assert.Regexp(t, `^[0-9a-f]{32}$`, *label.LabelId)
	var replayed lookout.CreateLabelResponse
	c.must("CreateLabel", labelReq("l-1", 1, 3, "motor"), &replayed)
	assert.Equal(t, *label.LabelId, *replayed.LabelId)
	assert.Equal(t, "The ClientToken was already used to create a label with different parameters",
		c.wantError("CreateLabel", labelReq("l-1", 1, 4, "motor"), lookout.CodeConflict))
	assert.Equal(t, `FaultCode "seal" is not one of the FaultCodes of label group pumps`,
		c.wantError("CreateLabel", labelReq("l-2", 1, 3, "seal"), lookout.CodeValidation))
	assert.Contains(t, c.wantError("CreateLabel", labelReq("l-3", 3, 1, ""), lookout.CodeValidation), "is before StartTime")
	other := labelReq("l-4", 1, 3, "")
	other.LabelGroupName = "fans"
	c.wantError("CreateLabel", other, lookout.CodeResourceNotFound)

	var dl lookout.DescribeLabelResponse
	c.must("DescribeLabel", &lookout.DescribeLabelRequest{LabelGroupName: "pumps", LabelId: label.LabelId}, &dl)
	assert.Equal(t, lookout.DescribeLabelResponse{
		LabelGroupName: "pumps", LabelGroupArn: created.LabelGroupArn, LabelId: label.LabelId,
		StartTime: at(1), EndTime: at(3), Rating: lookout.LabelRatingAnomaly, FaultCode: "motor", Equipment: "pump-1",
		Notes: "seen on site", CreatedAt: new(lookout.TimestampOf(clk.Now())),
	}, dl)
	assert.Equal(t, "Label 0123456789abcdef0123456789abcdef does not exist in label group pumps",
		c.wantError("DescribeLabel", &lookout.DescribeLabelRequest{LabelGroupName: "pumps", LabelId: new("0123456789abcdef0123456789abcdef")},
			lookout.CodeResourceNotFound))

	// ListLabels of a group that does not exist: none (the operation has
	// no ResourceNotFoundException).
	var ll lookout.ListLabelsResponse
	c.must("ListLabels", &lookout.ListLabelsRequest{LabelGroupName: "fans"}, &ll)
	assert.Empty(t, ll.LabelSummaries)
	assert.NotNil(t, ll.LabelSummaries)

	c.must("DeleteLabel", &lookout.DeleteLabelRequest{LabelGroupName: "pumps", LabelId: label.LabelId}, &lookout.DeleteLabelResponse{})
	c.wantError("DeleteLabel", &lookout.DeleteLabelRequest{LabelGroupName: "pumps", LabelId: label.LabelId}, lookout.CodeResourceNotFound)
	c.wantError("DescribeLabel", &lookout.DescribeLabelRequest{LabelGroupName: "pumps", LabelId: label.LabelId}, lookout.CodeResourceNotFound)

	// The quota: 3 label groups.
	for _, name := range []string{"fans", "turbines"} {
		c.must("CreateLabelGroup", &lookout.CreateLabelGroupRequest{ClientToken: "q-" + name, LabelGroupName: name}, &lookout.CreateLabelGroupResponse{})
	}
	assert.Equal(t, "The number of label groups has reached the quota of 3",
		c.wantError("CreateLabelGroup", &lookout.CreateLabelGroupRequest{ClientToken: "q-x", LabelGroupName: "x"}, lookout.CodeServiceQuotaExceeded))

	var groups lookout.ListLabelGroupsResponse
	c.must("ListLabelGroups", &lookout.ListLabelGroupsRequest{MaxResults: new(int32(2))}, &groups)
	require.NotNil(t, groups.NextToken)
	assert.Equal(t, []string{"fans", "pumps"}, groupNames(groups))
	token := groups.NextToken
	groups = lookout.ListLabelGroupsResponse{}
	c.must("ListLabelGroups", &lookout.ListLabelGroupsRequest{MaxResults: new(int32(2)), NextToken: token}, &groups)
	assert.Nil(t, groups.NextToken)
	assert.Equal(t, []string{"turbines"}, groupNames(groups))
	c.wantError("ListLabelGroups", &lookout.ListLabelGroupsRequest{LabelGroupNameBeginsWith: "p", NextToken: token}, lookout.CodeValidation)
	c.wantError("ListDatasets", &lookout.ListDatasetsRequest{NextToken: token}, lookout.CodeValidation)
	groups = lookout.ListLabelGroupsResponse{}
	c.must("ListLabelGroups", &lookout.ListLabelGroupsRequest{LabelGroupNameBeginsWith: "tu"}, &groups)
	assert.Equal(t, []string{"turbines"}, groupNames(groups))

	c.must("DeleteLabelGroup", &lookout.DeleteLabelGroupRequest{LabelGroupName: "pumps"}, &lookout.DeleteLabelGroupResponse{})
	c.wantError("DeleteLabelGroup", &lookout.DeleteLabelGroupRequest{LabelGroupName: "pumps"}, lookout.CodeResourceNotFound)
	c.wantError("ListTagsForResource", &lookout.ListTagsForResourceRequest{ResourceArn: created.LabelGroupArn}, lookout.CodeResourceNotFound)
}

func groupNames(r lookout.ListLabelGroupsResponse) []string {
	var out []string
	for _, g := range r.LabelGroupSummaries {
		out = append(out, g.LabelGroupName)
	}
	return out
}

// TestListLabelsOverTheWire pages through a group's labels with each
// filter: by StartTime then LabelId, those ending at or after
// IntervalStartTime and starting before IntervalEndTime.
func TestListLabelsOverTheWire(t *testing.T) {
	t.Parallel()
	a, _ := newTestApp(t, testConfig())
	c := wireClient(t, a)
	c.must("CreateLabelGroup", &lookout.CreateLabelGroupRequest{ClientToken: "g", LabelGroupName: "pumps",
		FaultCodes: []string{"a", "b"}}, &lookout.CreateLabelGroupResponse{})
	for i := 7; i >= 0; i-- { // [i, i+2) hours, made last first
		r := labelReq(fmt.Sprint("l-", i), i, i+2, "a")
		if i%2 == 0 {
			r.FaultCode, r.Equipment = "b", "pump-2"
		}
		c.must("CreateLabel", r, &lookout.CreateLabelResponse{})
	}
	list := func(req lookout.ListLabelsRequest) []int {
		req.LabelGroupName = "pumps"
		req.MaxResults = new(int32(3))
		var out []int
		for {
			var page lookout.ListLabelsResponse
			c.must("ListLabels", &req, &page)
			require.LessOrEqual(t, len(page.LabelSummaries), 3)
			for _, l := range page.LabelSummaries {
				out = append(out, int(l.StartTime.Time().Sub(labelTime).Hours()))
				assert.Equal(t, "pumps", l.LabelGroupName)
			}
			if page.NextToken == nil {
				return out
			}
			req.NextToken = page.NextToken
		}
	}
	assert.Equal(t, []int{0, 1, 2, 3, 4, 5, 6, 7}, list(lookout.ListLabelsRequest{}))
	assert.Equal(t, []int{2, 3, 4, 5}, list(lookout.ListLabelsRequest{IntervalStartTime: at(4), IntervalEndTime: at(6)}))
	assert.Equal(t, []int{0, 2, 4, 6}, list(lookout.ListLabelsRequest{FaultCode: "b"}))
	assert.Equal(t, []int{4, 6}, list(lookout.ListLabelsRequest{Equipment: "pump-2", IntervalStartTime: at(5)}))
	assert.Empty(t, list(lookout.ListLabelsRequest{Equipment: "pump-9"}))

	var page lookout.ListLabelsResponse
	c.must("ListLabels", &lookout.ListLabelsRequest{LabelGroupName: "pumps", MaxResults: new(int32(1))}, &page)
	require.NotNil(t, page.NextToken)
	c.wantError("ListLabels", &lookout.ListLabelsRequest{LabelGroupName: "pumps", FaultCode: "a", NextToken: page.NextToken},
		lookout.CodeValidation)
}

func TestTagsOverTheWire(t *testing.T) {
	t.Parallel()
	a, _ := newTestApp(t, testConfig())
	c := wireClient(t, a)
	var ds lookout.CreateDatasetResponse
	c.must("CreateDataset", &lookout.CreateDatasetRequest{ClientToken: "d", DatasetName: "pumps",
		Tags: []lookout.Tag{{Key: "site", Value: new("north")}}}, &ds)
	var lg lookout.CreateLabelGroupResponse
	c.must("CreateLabelGroup", &lookout.CreateLabelGroupRequest{ClientToken: "g", LabelGroupName: "pumps"}, &lg)

	tagsOf := func(arn string) []string {
		var r lookout.ListTagsForResourceResponse
		c.must("ListTagsForResource", &lookout.ListTagsForResourceRequest{ResourceArn: arn}, &r)
		out := []string{}
		for _, tag := range r.Tags {
			out = append(out, tag.Key+"="+*tag.Value)
		}
		return out
	}
	assert.Equal(t, []string{"site=north"}, tagsOf(ds.DatasetArn))
	assert.Equal(t, []string{}, tagsOf(lg.LabelGroupArn))

	for _, arn := range []string{ds.DatasetArn, lg.LabelGroupArn} {
		c.must("TagResource", &lookout.TagResourceRequest{ResourceArn: arn, Tags: []lookout.Tag{
			{Key: "team", Value: new("ops")}, {Key: "site", Value: new("south")}}}, &lookout.TagResourceResponse{})
		assert.Equal(t, []string{"site=south", "team=ops"}, tagsOf(arn))
		c.must("UntagResource", &lookout.UntagResourceRequest{ResourceArn: arn, TagKeys: []string{"site", "absent"}},
			&lookout.UntagResourceResponse{})
		assert.Equal(t, []string{"team=ops"}, tagsOf(arn))
		c.wantError("TagResource", &lookout.TagResourceRequest{ResourceArn: arn, Tags: []lookout.Tag{{Key: "aws:x", Value: new("v")}}},
			lookout.CodeValidation)
	}

	// 200 tags at most: 199 more fit, then one more is refused and
	// changes nothing.
	var tags []lookout.Tag
	for i := range 199 {
		tags = append(tags, lookout.Tag{Key: fmt.Sprintf("k%03d", i), Value: new("v")})
	}
	c.must("TagResource", &lookout.TagResourceRequest{ResourceArn: ds.DatasetArn, Tags: tags}, &lookout.TagResourceResponse{})
	assert.Len(t, tagsOf(ds.DatasetArn), 200)
	assert.Contains(t, c.wantError("TagResource", &lookout.TagResourceRequest{ResourceArn: ds.DatasetArn,
		Tags: []lookout.Tag{{Key: "one-more", Value: new("v")}}}, lookout.CodeValidation), "at most 200 tags")
	assert.Len(t, tagsOf(ds.DatasetArn), 200)

	unknown := strings.Replace(ds.DatasetArn, "dataset/pumps/", "dataset/pumps/0", 1)
	for _, op := range []struct {
		name string
		req  any
	}{
		{"TagResource", &lookout.TagResourceRequest{ResourceArn: unknown, Tags: []lookout.Tag{{Key: "a", Value: new("b")}}}},
		{"UntagResource", &lookout.UntagResourceRequest{ResourceArn: unknown, TagKeys: []string{"a"}}},
		{"ListTagsForResource", &lookout.ListTagsForResourceRequest{ResourceArn: unknown}},
	} {
		assert.Equal(t, "Resource "+unknown+" does not exist", c.wantError(op.name, op.req, lookout.CodeResourceNotFound))
	}

	c.must("DeleteDataset", &lookout.DeleteDatasetRequest{DatasetName: "pumps"}, &lookout.DeleteDatasetResponse{})
	c.wantError("ListTagsForResource", &lookout.ListTagsForResourceRequest{ResourceArn: ds.DatasetArn}, lookout.CodeResourceNotFound)
	var ds2 lookout.CreateDatasetResponse
	c.must("CreateDataset", &lookout.CreateDatasetRequest{ClientToken: "d2", DatasetName: "pumps"}, &ds2)
	assert.Equal(t, []string{}, tagsOf(ds2.DatasetArn), "a new dataset of the name has none of the old one's tags")
}

func TestPoliciesOverTheWire(t *testing.T) {
	t.Parallel()
	a, clk := newTestApp(t, testConfig())
	c := wireClient(t, a)
	var lg lookout.CreateLabelGroupResponse
	c.must("CreateLabelGroup", &lookout.CreateLabelGroupRequest{ClientToken: "g", LabelGroupName: "pumps"}, &lg)
	arn := lg.LabelGroupArn
	const policy = `{"Version":"2012-10-17","Statement":[]}`

	assert.Equal(t, "Resource "+arn+" has no resource policy",
		c.wantError("DescribeResourcePolicy", &lookout.DescribeResourcePolicyRequest{ResourceArn: arn}, lookout.CodeResourceNotFound))
	c.wantError("DeleteResourcePolicy", &lookout.DeleteResourcePolicyRequest{ResourceArn: arn}, lookout.CodeResourceNotFound)
	c.wantError("PutResourcePolicy", &lookout.PutResourcePolicyRequest{ClientToken: "p0", ResourceArn: arn, ResourcePolicy: "[1]"},
		lookout.CodeValidation)
	c.wantError("PutResourcePolicy", &lookout.PutResourcePolicyRequest{ClientToken: "p0", ResourceArn: arn, ResourcePolicy: policy,
		PolicyRevisionId: "abc"}, lookout.CodeConflict)

	var put lookout.PutResourcePolicyResponse
	c.must("PutResourcePolicy", &lookout.PutResourcePolicyRequest{ClientToken: "p1", ResourceArn: arn, ResourcePolicy: policy}, &put)
	assert.Equal(t, arn, put.ResourceArn)
	var replay lookout.PutResourcePolicyResponse
	c.must("PutResourcePolicy", &lookout.PutResourcePolicyRequest{ClientToken: "p1", ResourceArn: arn, ResourcePolicy: policy}, &replay)
	assert.Equal(t, put, replay)
	c.wantError("PutResourcePolicy", &lookout.PutResourcePolicyRequest{ClientToken: "p1", ResourceArn: arn, ResourcePolicy: `{}`},
		lookout.CodeConflict)

	created := clk.Now()
	clk.Advance(time.Minute)
	var next lookout.PutResourcePolicyResponse
	c.must("PutResourcePolicy", &lookout.PutResourcePolicyRequest{ClientToken: "p2", ResourceArn: arn, ResourcePolicy: `{"v":2}`,
		PolicyRevisionId: put.PolicyRevisionId}, &next)
	assert.NotEqual(t, put.PolicyRevisionId, next.PolicyRevisionId)
	c.wantError("PutResourcePolicy", &lookout.PutResourcePolicyRequest{ClientToken: "p3", ResourceArn: arn, ResourcePolicy: `{}`,
		PolicyRevisionId: put.PolicyRevisionId}, lookout.CodeConflict)

	var desc lookout.DescribeResourcePolicyResponse
	c.must("DescribeResourcePolicy", &lookout.DescribeResourcePolicyRequest{ResourceArn: arn}, &desc)
	assert.Equal(t, lookout.DescribeResourcePolicyResponse{ResourcePolicy: `{"v":2}`, PolicyRevisionId: next.PolicyRevisionId,
		CreationTime: new(lookout.TimestampOf(created)), LastModifiedTime: new(lookout.TimestampOf(clk.Now()))}, desc)

	c.must("DeleteResourcePolicy", &lookout.DeleteResourcePolicyRequest{ResourceArn: arn}, &lookout.DeleteResourcePolicyResponse{})
	c.wantError("DescribeResourcePolicy", &lookout.DescribeResourcePolicyRequest{ResourceArn: arn}, lookout.CodeResourceNotFound)
	unknown := "arn:aws:lookoutequipment:us-east-1:123456789012:model/m/1"
	c.wantError("PutResourcePolicy", &lookout.PutResourcePolicyRequest{ClientToken: "p4", ResourceArn: unknown, ResourcePolicy: policy},
		lookout.CodeResourceNotFound)
}

// TestLabelsRestart: label groups, labels, tags and policies, and the
// tokens and page tokens that name them, outlive a restart on the same
// database.
func TestLabelsRestart(t *testing.T) {
	t.Parallel()
	cfg := testConfig()
	cfg.db = filepath.Join(t.TempDir(), "lookout.db")
	a, err := newApp(context.Background(), cfg, discardLogger(), nil)
	require.NoError(t, err)
	c := wireClient(t, a)
	var lg lookout.CreateLabelGroupResponse
	c.must("CreateLabelGroup", &lookout.CreateLabelGroupRequest{ClientToken: "g", LabelGroupName: "pumps", FaultCodes: []string{"motor"},
		Tags: []lookout.Tag{{Key: "k", Value: new("v")}}}, &lg)
	c.must("CreateLabelGroup", &lookout.CreateLabelGroupRequest{ClientToken: "g2", LabelGroupName: "pumps2"}, &lookout.CreateLabelGroupResponse{})
	var labels []string
	for i := range 3 {
		var l lookout.CreateLabelResponse
		c.must("CreateLabel", labelReq(fmt.Sprint("l-", i), i, i+1, "motor"), &l)
		labels = append(labels, *l.LabelId)
	}
	var put lookout.PutResourcePolicyResponse
	c.must("PutResourcePolicy", &lookout.PutResourcePolicyRequest{ClientToken: "p", ResourceArn: lg.LabelGroupArn, ResourcePolicy: `{}`}, &put)
	var page lookout.ListLabelsResponse
	c.must("ListLabels", &lookout.ListLabelsRequest{LabelGroupName: "pumps", MaxResults: new(int32(1))}, &page)
	require.NotNil(t, page.NextToken)
	require.NoError(t, a.close())

	a, err = newApp(context.Background(), cfg, discardLogger(), nil)
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, a.close()) })
	c = wireClient(t, a)
	var desc lookout.DescribeLabelGroupResponse
	c.must("DescribeLabelGroup", &lookout.DescribeLabelGroupRequest{LabelGroupName: "pumps"}, &desc)
	assert.Equal(t, []string{"motor"}, desc.FaultCodes)
	var tags lookout.ListTagsForResourceResponse
	c.must("ListTagsForResource", &lookout.ListTagsForResourceRequest{ResourceArn: lg.LabelGroupArn}, &tags)
	assert.Equal(t, []lookout.Tag{{Key: "k", Value: new("v")}}, tags.Tags)
	var pol lookout.DescribeResourcePolicyResponse
	c.must("DescribeResourcePolicy", &lookout.DescribeResourcePolicyRequest{ResourceArn: lg.LabelGroupArn}, &pol)
	assert.Equal(t, put.PolicyRevisionId, pol.PolicyRevisionId)
	// The page token goes on where it was.
	var ids []string
	req := lookout.ListLabelsRequest{LabelGroupName: "pumps", MaxResults: new(int32(1)), NextToken: page.NextToken}
	ids = append(ids, *page.LabelSummaries[0].LabelId)
	for req.NextToken != nil {
		page = lookout.ListLabelsResponse{}
		c.must("ListLabels", &req, &page)
		for _, l := range page.LabelSummaries {
			ids = append(ids, *l.LabelId)
		}
		req.NextToken = page.NextToken
	}
	assert.Equal(t, labels, ids)
	// The tokens replay.
	var l lookout.CreateLabelResponse
	c.must("CreateLabel", labelReq("l-1", 1, 2, "motor"), &l)
	assert.Equal(t, labels[1], *l.LabelId)
	var again lookout.CreateLabelGroupResponse
	c.must("CreateLabelGroup", &lookout.CreateLabelGroupRequest{ClientToken: "g", LabelGroupName: "pumps", FaultCodes: []string{"motor"},
		Tags: []lookout.Tag{{Key: "k", Value: new("v")}}}, &again)
	assert.Equal(t, lg, again)
}
