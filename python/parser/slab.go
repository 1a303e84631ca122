package parser

import "github.com/flasksec/flasksec/python/ast"

// Nodes are allocated from per-parse slabs: one allocation per chunk
// instead of one per node. A tree keeps its chunks alive as a whole.

// slab hands out elements of chunks of T. Chunks start small and double
// up to maxSlab, so that small files do not pay for large chunks.
type slab[T any] struct {
	buf  []T
	next int
}

const maxSlab = 256

func (s *slab[T]) alloc(v T) *T {
	if len(s.buf) == 0 {
		if s.next == 0 {
			s.next = 4
		} else if s.next < maxSlab {
			s.next *= 2
		}
		s.buf = make([]T, s.next)
	}
	x := &s.buf[0]
	s.buf = s.buf[1:]
	*x = v
	return x
}

// slabs holds one slab per frequent node type.
type slabs struct {
	sName           slab[ast.Name]
	sConstant       slab[ast.Constant]
	sAttribute      slab[ast.Attribute]
	sCall           slab[ast.Call]
	sExprStmt       slab[ast.ExprStmt]
	sAssign         slab[ast.Assign]
	sKeyword        slab[ast.Keyword]
	sBinOp          slab[ast.BinOp]
	sSubscript      slab[ast.Subscript]
	sArg            slab[ast.Arg]
	sCompare        slab[ast.Compare]
	sTuple          slab[ast.Tuple]
	sStarred        slab[ast.Starred]
	sUnaryOp        slab[ast.UnaryOp]
	sBoolOp         slab[ast.BoolOp]
	sList           slab[ast.List]
	sDict           slab[ast.Dict]
	sReturn         slab[ast.Return]
	sIf             slab[ast.If]
	sFormattedValue slab[ast.FormattedValue]
	sJoinedStr      slab[ast.JoinedStr]
	sAlias          slab[ast.Alias]
	sImportFrom     slab[ast.ImportFrom]
}

func (p *parser) newName(v ast.Name) *ast.Name { return p.slabs.sName.alloc(v) }

func (p *parser) newConstant(v ast.Constant) *ast.Constant { return p.slabs.sConstant.alloc(v) }

func (p *parser) newAttribute(v ast.Attribute) *ast.Attribute { return p.slabs.sAttribute.alloc(v) }

func (p *parser) newCall(v ast.Call) *ast.Call { return p.slabs.sCall.alloc(v) }

func (p *parser) newExprStmt(v ast.ExprStmt) *ast.ExprStmt { return p.slabs.sExprStmt.alloc(v) }

func (p *parser) newAssign(v ast.Assign) *ast.Assign { return p.slabs.sAssign.alloc(v) }

func (p *parser) newKeyword(v ast.Keyword) *ast.Keyword { return p.slabs.sKeyword.alloc(v) }

func (p *parser) newBinOp(v ast.BinOp) *ast.BinOp { return p.slabs.sBinOp.alloc(v) }

func (p *parser) newSubscript(v ast.Subscript) *ast.Subscript { return p.slabs.sSubscript.alloc(v) }

func (p *parser) newArg(v ast.Arg) *ast.Arg { return p.slabs.sArg.alloc(v) }

func (p *parser) newCompare(v ast.Compare) *ast.Compare { return p.slabs.sCompare.alloc(v) }

func (p *parser) newTuple(v ast.Tuple) *ast.Tuple { return p.slabs.sTuple.alloc(v) }

func (p *parser) newStarred(v ast.Starred) *ast.Starred { return p.slabs.sStarred.alloc(v) }

func (p *parser) newUnaryOp(v ast.UnaryOp) *ast.UnaryOp { return p.slabs.sUnaryOp.alloc(v) }

func (p *parser) newBoolOp(v ast.BoolOp) *ast.BoolOp { return p.slabs.sBoolOp.alloc(v) }

func (p *parser) newList(v ast.List) *ast.List { return p.slabs.sList.alloc(v) }

func (p *parser) newDict(v ast.Dict) *ast.Dict { return p.slabs.sDict.alloc(v) }

func (p *parser) newReturn(v ast.Return) *ast.Return { return p.slabs.sReturn.alloc(v) }

func (p *parser) newIf(v ast.If) *ast.If { return p.slabs.sIf.alloc(v) }

func (p *parser) newFormattedValue(v ast.FormattedValue) *ast.FormattedValue {
	return p.slabs.sFormattedValue.alloc(v)
}

func (p *parser) newJoinedStr(v ast.JoinedStr) *ast.JoinedStr { return p.slabs.sJoinedStr.alloc(v) }

func (p *parser) newAlias(v ast.Alias) *ast.Alias { return p.slabs.sAlias.alloc(v) }

func (p *parser) newImportFrom(v ast.ImportFrom) *ast.ImportFrom { return p.slabs.sImportFrom.alloc(v) }
