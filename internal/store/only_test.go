package store_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// sqlAllowed are the packages besides the store that speak SQL: the
// register is the connector to the controller's systems (their database is
// not the engine's), and the bench builds baselines beside the engine.
var sqlAllowed = []string{"internal/store", "internal/register", "internal/bench"}

// queryCalls are the calls that send SQL.
var queryCalls = []string{"NewSelect", "NewInsert", "NewUpdate", "NewDelete", "NewRaw", "NewCreateTable", "NewDropTable", "NewMerge",
	"ExecContext", "QueryContext", "QueryRowContext", "RunInTx", "BeginTx", "Exec", "Query", "QueryRow"}

// TestOnlyTheStoreSpeaksSQL reads every production file of the module: no
// package outside the store sends SQL to the engine's database, declares a
// table model or opens a database of its own.
func TestOnlyTheStoreSpeaksSQL(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	var bad []string
	files := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "node_modules" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		dir := filepath.ToSlash(filepath.Dir(rel))
		if slices.ContainsFunc(sqlAllowed, func(p string) bool { return dir == p || strings.HasPrefix(dir, p+"/") }) {
			return nil
		}
		files++
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		bunName, sqlName := "", ""
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			name := p[strings.LastIndex(p, "/")+1:]
			if imp.Name != nil {
				name = imp.Name.Name
			}
			switch p {
			case "github.com/uptrace/bun":
				bunName = name
			case "database/sql":
				sqlName = name
			}
		}
		if bunName == "" && sqlName == "" {
			return nil
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok && slices.Contains(queryCalls, sel.Sel.Name) {
					bad = append(bad, fmt.Sprintf("%s: calls %s", fset.Position(n.Pos()), sel.Sel.Name))
				}
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok {
					if x, ok := sel.X.(*ast.Ident); ok && x.Name == sqlName && sel.Sel.Name == "Open" {
						bad = append(bad, fmt.Sprintf("%s: opens a database", fset.Position(n.Pos())))
					}
				}
			case *ast.SelectorExpr:
				if x, ok := n.X.(*ast.Ident); ok && x.Name == bunName && n.Sel.Name == "BaseModel" {
					bad = append(bad, fmt.Sprintf("%s: declares a table model", fset.Position(n.Pos())))
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 {
		t.Fatalf("read %d production files outside %v; the walk missed the module", files, sqlAllowed)
	}
	for _, b := range bad {
		t.Errorf("SQL outside internal/store: %s", strings.TrimPrefix(b, root+"/"))
	}
}
