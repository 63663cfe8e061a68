package intake

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// MaxArchiveMessageBytes bounds one message read from an mbox archive; the
// rest of a larger one is not read.
const MaxArchiveMessageBytes = 64 << 20

// IsMbox says whether the file at path is an mbox archive: it starts with
// a "From " separator line.
func IsMbox(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 5)
	n, _ := io.ReadFull(f, head)
	return string(head[:n]) == "From "
}

// EachMessage calls fn for every message at path: the .eml files of a
// directory (and its subdirectories, symbolic links not followed), each
// message of an mbox archive, or one .eml file. name says which message it
// is: the file's path, or the archive's path and the message's number.
func EachMessage(path string, fn func(name string, raw io.Reader)) error {
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if fi.IsDir() {
		return filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.Type().IsRegular() || !strings.EqualFold(filepath.Ext(p), ".eml") {
				return nil
			}
			return eachFile(p, fn)
		})
	}
	if IsMbox(path) {
		return eachInMbox(path, fn)
	}
	return eachFile(path, fn)
}

func eachFile(path string, fn func(string, io.Reader)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	fn(path, io.LimitReader(f, MaxArchiveMessageBytes))
	return nil
}

// eachInMbox splits an mbox archive (mboxo or mboxrd: a line "From " after
// a blank line starts a message, ">From " is unquoted) and hands out each
// message, up to MaxArchiveMessageBytes of it.
func eachInMbox(path string, fn func(string, io.Reader)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 64<<10)
	var cur bytes.Buffer
	n, started, prevBlank := 0, false, true
	emit := func() {
		if started {
			n++
			fn(fmt.Sprintf("%s#%d", path, n), bytes.NewReader(cur.Bytes()))
		}
		cur.Reset()
	}
	for {
		line, err := r.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			// A very long line: keep it, in pieces.
			if cur.Len() < MaxArchiveMessageBytes {
				cur.Write(line)
			}
			continue
		}
		if len(line) > 0 {
			switch {
			case prevBlank && bytes.HasPrefix(line, []byte("From ")):
				emit()
				started = true
			default:
				if bytes.HasPrefix(line, []byte(">")) && bytes.HasPrefix(bytes.TrimLeft(line, ">"), []byte("From ")) {
					line = line[1:]
				}
				if cur.Len() < MaxArchiveMessageBytes {
					cur.Write(line)
				}
			}
			prevBlank = len(bytes.TrimRight(line, "\r\n")) == 0
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
	}
	emit()
	return nil
}
