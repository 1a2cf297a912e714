package main

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/lookout-equipment/lookoutequipment/examples/server/internal/store"
	"github.com/lookout-equipment/lookoutequipment/lookout"
)

// CreateLabelGroup stores a label group with its tags. A fault code
// listed twice gets a ValidationException: the list is a set, and
// repeating a code is a mistake worth saying.
func (s *service) CreateLabelGroup(ctx context.Context, req *lookout.CreateLabelGroupRequest) (*lookout.CreateLabelGroupResponse, error) {
	if err := checkFaultCodes(req.FaultCodes); err != nil {
		return nil, err
	}
	g := store.NewLabelGroup{
		Name:        strings.Clone(req.LabelGroupName),
		ClientToken: strings.Clone(req.ClientToken),
		FaultCodes:  cloneStrings(req.FaultCodes),
		Tags:        tagsOf(req.Tags),
	}
	lg, _, err := s.st.CreateLabelGroup(ctx, g)
	if err != nil {
		return nil, serviceError(err)
	}
	return &lookout.CreateLabelGroupResponse{LabelGroupArn: lg.ARN, LabelGroupName: lg.Name}, nil
}

// checkFaultCodes refuses a list of fault codes that repeats one.
func checkFaultCodes(codes []string) error {
	seen := make(map[string]struct{}, len(codes))
	for _, c := range codes {
		if _, ok := seen[c]; ok {
			return &lookout.ValidationException{Message: "FaultCodes lists " + strconv.Quote(c) + " more than once"}
		}
		seen[c] = struct{}{}
	}
	return nil
}

// DescribeLabelGroup returns a label group with its fault codes.
func (s *service) DescribeLabelGroup(ctx context.Context, req *lookout.DescribeLabelGroupRequest) (*lookout.DescribeLabelGroupResponse, error) {
	lg, err := s.st.LabelGroup(ctx, req.LabelGroupName)
	if err != nil {
		return nil, serviceError(err)
	}
	var ts timestamps
	return &lookout.DescribeLabelGroupResponse{
		LabelGroupName: lg.Name,
		LabelGroupArn:  lg.ARN,
		FaultCodes:     lg.FaultCodes,
		CreatedAt:      ts.of(lg.CreatedAt),
		UpdatedAt:      ts.of(lg.UpdatedAt),
	}, nil
}

// ListLabelGroups returns a page of the label groups, by name.
func (s *service) ListLabelGroups(ctx context.Context, req *lookout.ListLabelGroupsRequest) (*lookout.ListLabelGroupsResponse, error) {
	list, next, err := s.st.ListLabelGroups(ctx, store.LabelGroupFilter{NameBeginsWith: req.LabelGroupNameBeginsWith},
		pageOf(req.MaxResults, deref(req.NextToken)))
	if err != nil {
		return nil, serviceError(err)
	}
	resp := &lookout.ListLabelGroupsResponse{NextToken: optional(next),
		LabelGroupSummaries: make([]lookout.LabelGroupSummary, len(list))}
	ts := make([]lookout.Timestamp, 2*len(list)) // one allocation for the page's times
	for i, g := range list {
		ts[2*i], ts[2*i+1] = lookout.TimestampOf(g.CreatedAt), lookout.TimestampOf(g.UpdatedAt)
		resp.LabelGroupSummaries[i] = lookout.LabelGroupSummary{
			LabelGroupName: g.Name, LabelGroupArn: g.ARN, CreatedAt: &ts[2*i], UpdatedAt: &ts[2*i+1],
		}
	}
	return resp, nil
}

// UpdateLabelGroup replaces a label group's fault codes; a request without
// FaultCodes changes nothing, and FaultCodes [] empties them. The labels
// already made keep their fault codes, one the group no longer lists
// included: a label records what was found, and a group's codes say what
// new labels may name.
func (s *service) UpdateLabelGroup(ctx context.Context, req *lookout.UpdateLabelGroupRequest) (*lookout.UpdateLabelGroupResponse, error) {
	if err := checkFaultCodes(req.FaultCodes); err != nil {
		return nil, err
	}
	codes := cloneStrings(req.FaultCodes)
	if req.FaultCodes != nil && codes == nil {
		codes = []string{}
	}
	if err := s.st.UpdateLabelGroup(ctx, req.LabelGroupName, codes); err != nil {
		return nil, serviceError(err)
	}
	return &lookout.UpdateLabelGroupResponse{}, nil
}

// DeleteLabelGroup deletes a label group with its labels, tags and policy.
func (s *service) DeleteLabelGroup(ctx context.Context, req *lookout.DeleteLabelGroupRequest) (*lookout.DeleteLabelGroupResponse, error) {
	if err := s.st.DeleteLabelGroup(ctx, req.LabelGroupName); err != nil {
		return nil, serviceError(err)
	}
	return &lookout.DeleteLabelGroupResponse{}, nil
}

// CreateLabel stores a label in its group. An EndTime before the
// StartTime gets a ValidationException (a label of one instant, both
// equal, is a label); a FaultCode must be one of the group's.
func (s *service) CreateLabel(ctx context.Context, req *lookout.CreateLabelRequest) (*lookout.CreateLabelResponse, error) {
	start, end := req.StartTime.Time(), req.EndTime.Time()
	if end.Before(start) {
		return nil, &lookout.ValidationException{Message: "EndTime " + end.Format(time.RFC3339Nano) +
			" is before StartTime " + start.Format(time.RFC3339Nano)}
	}
	l, _, err := s.st.CreateLabel(ctx, store.NewLabel{
		Group:       strings.Clone(req.LabelGroupName),
		ClientToken: strings.Clone(req.ClientToken),
		Start:       start, End: end,
		Rating:    strings.Clone(string(req.Rating)),
		FaultCode: strings.Clone(req.FaultCode),
		Equipment: strings.Clone(req.Equipment),
		Notes:     strings.Clone(req.Notes),
	})
	if err != nil {
		return nil, serviceError(err)
	}
	return &lookout.CreateLabelResponse{LabelId: &l.ID}, nil
}

// DescribeLabel returns a label.
func (s *service) DescribeLabel(ctx context.Context, req *lookout.DescribeLabelRequest) (*lookout.DescribeLabelResponse, error) {
	l, err := s.st.Label(ctx, req.LabelGroupName, deref(req.LabelId))
	if err != nil {
		return nil, serviceError(err)
	}
	var ts timestamps
	return &lookout.DescribeLabelResponse{
		LabelGroupName: l.Group,
		LabelGroupArn:  l.GroupARN,
		LabelId:        &l.ID,
		StartTime:      ts.of(l.Start),
		EndTime:        ts.of(l.End),
		Rating:         lookout.LabelRating(l.Rating),
		FaultCode:      l.FaultCode,
		Equipment:      l.Equipment,
		Notes:          l.Notes,
		CreatedAt:      ts.of(l.CreatedAt),
	}, nil
}

// ListLabels returns a page of a group's labels, by StartTime then
// LabelId: those ending at or after IntervalStartTime and starting before
// IntervalEndTime, of the Equipment and FaultCode asked. A label group
// that does not exist has no labels (the operation has no
// ResourceNotFoundException).
func (s *service) ListLabels(ctx context.Context, req *lookout.ListLabelsRequest) (*lookout.ListLabelsResponse, error) {
	f := store.LabelFilter{Group: req.LabelGroupName, Equipment: req.Equipment, FaultCode: req.FaultCode}
	if req.IntervalStartTime != nil {
		f.IntervalStart = new(req.IntervalStartTime.Time())
	}
	if req.IntervalEndTime != nil {
		f.IntervalEnd = new(req.IntervalEndTime.Time())
	}
	list, next, err := s.st.ListLabels(ctx, f, pageOf(req.MaxResults, deref(req.NextToken)))
	if err != nil {
		return nil, serviceError(err)
	}
	resp := &lookout.ListLabelsResponse{NextToken: optional(next), LabelSummaries: make([]lookout.LabelSummary, len(list))}
	ts := make([]lookout.Timestamp, 3*len(list)) // one allocation for the page's times
	for i, l := range list {
		t := ts[3*i : 3*i+3]
		t[0], t[1], t[2] = lookout.TimestampOf(l.Start), lookout.TimestampOf(l.End), lookout.TimestampOf(l.CreatedAt)
		resp.LabelSummaries[i] = lookout.LabelSummary{
			LabelGroupName: l.Group, LabelGroupArn: l.GroupARN, LabelId: &list[i].ID,
			StartTime: &t[0], EndTime: &t[1], CreatedAt: &t[2],
			Rating: lookout.LabelRating(l.Rating), FaultCode: l.FaultCode, Equipment: l.Equipment,
		}
	}
	return resp, nil
}

// DeleteLabel deletes a label.
func (s *service) DeleteLabel(ctx context.Context, req *lookout.DeleteLabelRequest) (*lookout.DeleteLabelResponse, error) {
	if err := s.st.DeleteLabel(ctx, req.LabelGroupName, deref(req.LabelId)); err != nil {
		return nil, serviceError(err)
	}
	return &lookout.DeleteLabelResponse{}, nil
}

// tagsOf is the store's copy of a request's tags.
func tagsOf(tags []lookout.Tag) []store.Tag {
	if len(tags) == 0 {
		return nil
	}
	out := make([]store.Tag, len(tags))
	for i, t := range tags {
		out[i] = store.Tag{Key: strings.Clone(t.Key), Value: strings.Clone(deref(t.Value))}
	}
	return out
}

// cloneStrings copies a request's strings; nil for none.
func cloneStrings(in []string) []string {
	if len(in) == 0 {
		return nil
	}
	out := make([]string, len(in))
	for i, v := range in {
		out[i] = strings.Clone(v)
	}
	return out
}
