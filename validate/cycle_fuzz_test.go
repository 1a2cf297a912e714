package validate

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// fzNode has an edge of each kind that validator/v10 walks, or does not.
type fzNode struct {
	P    *fzNode            `json:"p"`
	Skip *fzNode            `json:"skip" validate:"-"`
	Only *fzNode            `json:"only" validate:"omitempty,structonly"`
	List []*fzNode          `json:"list" validate:"dive"`
	Flat []*fzNode          `json:"flat"`
	Map  map[string]*fzNode `json:"map" validate:"dive"`
	Any  any                `json:"any"`
	hid  *fzNode
}

// fzEdge kinds, in the order the fuzzer's bytes pick them.
const (
	fzP = iota
	fzSkip
	fzOnly
	fzList
	fzFlat
	fzMap
	fzAny
	fzHidden
	fzKinds
)

// fzWalked reports whether validator/v10 walks an edge of kind k into a
// node's fields: not "-", not structonly, not a slice without dive, not an
// unexported field.
func fzWalked(k int) bool { return k == fzP || k == fzList || k == fzMap || k == fzAny }

type fzGraph struct {
	nodes []*fzNode
	edges [][]int // walked edges: edges[from] lists to
}

// fzBuild makes up to 40 nodes and their edges from data: data[0] the
// number of nodes, then triples (from, kind, to). Long paths reach past
// the walk's bounds without maps (cycleShallow, cycleVisits).
func fzBuild(data []byte) *fzGraph {
	if len(data) == 0 {
		return nil
	}
	n := 1 + int(data[0])%40
	g := &fzGraph{nodes: make([]*fzNode, n), edges: make([][]int, n)}
	for i := range g.nodes {
		g.nodes[i] = &fzNode{}
	}
	last := make([]map[int]int, n) // the single-valued edges: kind -> to
	for i := range last {
		last[i] = map[int]int{}
	}
	for data = data[1:]; len(data) >= 3; data = data[3:] {
		from, kind, to := int(data[0])%n, int(data[1])%fzKinds, int(data[2])%n
		a, b := g.nodes[from], g.nodes[to]
		switch kind {
		case fzP:
			a.P = b
		case fzSkip:
			a.Skip = b
		case fzOnly:
			a.Only = b
		case fzList:
			a.List = append(a.List, b)
		case fzFlat:
			a.Flat = append(a.Flat, b)
		case fzMap:
			if a.Map == nil {
				a.Map = map[string]*fzNode{}
			}
			a.Map["k"+strconv.Itoa(len(a.Map))] = b
		case fzAny:
			a.Any = b
		case fzHidden:
			a.hid = b
		}
		if kind == fzP || kind == fzAny {
			last[from][kind] = to
		} else if fzWalked(kind) {
			g.edges[from] = append(g.edges[from], to)
		}
	}
	for from, m := range last {
		for _, to := range m {
			g.edges[from] = append(g.edges[from], to)
		}
	}
	return g
}

// hasCycle reports whether the walked edges reachable from node 0 hold a
// cycle: a depth-first search, white, grey and black.
func (g *fzGraph) hasCycle() bool {
	color := make([]int, len(g.nodes))
	var visit func(int) bool
	visit = func(u int) bool {
		color[u] = 1
		for _, v := range g.edges[u] {
			if color[v] == 1 || color[v] == 0 && visit(v) {
				return true
			}
		}
		color[u] = 2
		return false
	}
	return visit(0)
}

// follow returns the node that a JSON path leads to from node 0, or nil.
func (g *fzGraph) follow(path string) *fzNode {
	n := g.nodes[0]
	for path != "" && n != nil {
		path = strings.TrimPrefix(path, ".")
		name := path
		if i := strings.IndexAny(path, ".["); i >= 0 {
			name = path[:i]
		}
		path = path[len(name):]
		index := ""
		if strings.HasPrefix(path, "[") {
			end := strings.IndexByte(path, ']')
			if end < 0 {
				return nil
			}
			index, path = path[1:end], path[end+1:]
		}
		switch name {
		case "p":
			n = n.P
		case "any":
			n, _ = n.Any.(*fzNode)
		case "list":
			i, err := strconv.Atoi(index)
			if err != nil || i >= len(n.List) {
				return nil
			}
			n = n.List[i]
		case "map":
			n = n.Map[index]
		default:
			return nil
		}
	}
	return n
}

// FuzzFindCycle compares findCycle with a search on the abstract graph of
// the value: a cycle is found exactly when the edges validator/v10 walks
// hold one, and the error's Path and Target lead to the same node, Target
// an ancestor of Path. A value without a cycle is also given to
// validator/v10, which must then end.
func FuzzFindCycle(f *testing.F) {
	f.Add([]byte{0, 0, fzP, 0})
	f.Add([]byte{1, 0, fzList, 1, 1, fzMap, 0})
	f.Add([]byte{1, 0, fzSkip, 1, 1, fzP, 0})
	f.Add([]byte{1, 0, fzOnly, 0, 0, fzFlat, 0, 0, fzHidden, 0})
	f.Add([]byte{2, 0, fzAny, 1, 1, fzList, 2, 2, fzList, 1})
	f.Add([]byte{3, 0, fzP, 1, 0, fzList, 1, 1, fzP, 2, 2, fzMap, 3, 3, fzAny, 1})
	f.Add([]byte{2, 0, fzP, 1, 0, fzP, 2, 1, fzList, 2, 1, fzList, 2})
	long := []byte{39}
	for i := range byte(39) {
		long = append(long, i, fzList, i+1, i, fzMap, i+1)
	}
	f.Add(long)
	f.Add(append(long, 39, fzAny, 0))
	f.Fuzz(func(t *testing.T, data []byte) {
		g := fzBuild(data)
		if g == nil {
			return
		}
		err := findCycle(g.nodes[0])
		want := g.hasCycle()
		var ce *CycleError
		if !want {
			if err != nil {
				t.Fatalf("no cycle, but %v", err)
			}
			edges := 0
			for _, e := range g.edges {
				edges += len(e)
			}
			if edges <= 10 {
				// Few paths: validator/v10 ends at once.
				if err := shared().Struct(g.nodes[0]); err != nil {
					t.Fatalf("validator/v10: %v", err)
				}
			}
			return
		}
		if !errors.As(err, &ce) {
			t.Fatalf("a cycle, but %v", err)
		}
		if !strings.HasPrefix(ce.Path, ce.Target) || len(ce.Path) <= len(ce.Target) {
			t.Fatalf("Target %q is not an ancestor of Path %q", ce.Target, ce.Path)
		}
		at, back := g.follow(ce.Path), g.follow(ce.Target)
		if at == nil || at != back {
			t.Fatalf("Path %q and Target %q lead to %p and %p", ce.Path, ce.Target, at, back)
		}
	})
}
