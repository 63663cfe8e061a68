package intake

import (
	"bufio"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime/quotedprintable"
	"strings"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/textproto"
)

// StoredApartHeader marks, in the stored message, a part whose content was
// stored apart as an attachment; its value is the attachment's part number.
const StoredApartHeader = "X-Dsr-Stored-Apart"

// SaveFunc stores one attachment's decoded content, read from body.
type SaveFunc func(part int, a Attachment, body io.Reader) error

// Split streams a message into a skeleton and its attachments: the skeleton
// (written to w) is the message with every attachment's content taken out
// and its part marked with StoredApartHeader; each attachment's decoded
// content goes to save, in the order ParseEmail lists them. Text parts and
// forwarded messages stay in the skeleton as they came. Only one buffer of
// the message is in memory at a time.
func Split(r io.Reader, w io.Writer, save SaveFunc) ([]Attachment, error) {
	// A read of the message that fails (a multipart with no closing
	// boundary ends in "unexpected EOF") makes it unparseable, to be stored
	// whole; a failure to write the skeleton or an attachment does not.
	br := bufio.NewReader(&sourceReader{r: r})
	h, err := textproto.ReadHeader(br)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnparseable, err)
	}
	s := &splitter{save: save}
	if err := s.entity(w, h, br, true, 0); err != nil {
		return nil, err
	}
	return s.found, nil
}

type splitter struct {
	save  SaveFunc
	found []Attachment
}

// entity writes one entity, its header too when withHeader, to w.
func (s *splitter) entity(w io.Writer, th textproto.Header, body io.Reader, withHeader bool, depth int) error {
	if _, ok := body.(*sourceReader); !ok {
		body = &sourceReader{r: body} // a part's reader fails on a missing boundary
	}
	h := message.Header{Header: th}
	ct, params, _ := h.ContentType()
	if strings.HasPrefix(ct, "multipart/") && params["boundary"] != "" {
		if depth >= maxDepth {
			return fmt.Errorf("%w: %w", ErrUnparseable, errTooDeep)
		}
		if withHeader {
			if err := textproto.WriteHeader(w, th); err != nil {
				return err
			}
		}
		// The parts are written back with the boundary they came with,
		// whatever it is, as long as the reader could split on it.
		boundary := params["boundary"]
		mr := textproto.NewMultipartReader(body, boundary)
		for first := true; ; first = false {
			p, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				return fmt.Errorf("%w: %v", ErrUnparseable, err)
			}
			ph := p.Header
			if isAttachment(message.Header{Header: ph}) {
				ph = ph.Copy()
				ph.Set(StoredApartHeader, fmt.Sprint(len(s.found)))
			}
			sep := "\r\n--" + boundary + "\r\n"
			if first {
				sep = sep[2:]
			}
			if _, err := io.WriteString(w, sep); err != nil {
				return err
			}
			if err := textproto.WriteHeader(w, ph); err != nil {
				return err
			}
			if err := s.entity(w, p.Header, p, false, depth+1); err != nil {
				return err
			}
		}
		_, err := io.WriteString(w, "\r\n--"+boundary+"--\r\n")
		return err
	}
	if !isAttachment(h) {
		if withHeader {
			if err := textproto.WriteHeader(w, th); err != nil {
				return err
			}
		}
		_, err := io.Copy(w, body)
		return err
	}
	if withHeader {
		marked := th.Copy()
		marked.Set(StoredApartHeader, fmt.Sprint(len(s.found)))
		if err := textproto.WriteHeader(w, marked); err != nil {
			return err
		}
	}
	name := attachmentName(h)
	counter := &countingReader{r: decodeTransfer(h.Get("Content-Transfer-Encoding"), body)}
	a := Attachment{Filename: name, ContentType: ct}
	a.IDDocument = looksLikeID(name, ct)
	part := len(s.found)
	if err := s.save(part, a, counter); err != nil {
		return err
	}
	// Whatever save left unread still counts as the attachment's size.
	if _, err := io.Copy(io.Discard, counter); err != nil {
		return fmt.Errorf("%w: attachment %d: %v", ErrUnparseable, part, err)
	}
	a.Size = counter.n
	s.found = append(s.found, a)
	return nil
}

// isAttachment says whether a leaf part is an attachment, as go-message's
// mail reader sees it: anything but inline text (plain or HTML). Forwarded
// messages are read by ParseEmail and kept whole by Split.
func isAttachment(h message.Header) bool {
	ct, _, _ := h.ContentType()
	disp, _, _ := h.ContentDisposition()
	if ct == "message/rfc822" {
		return false
	}
	inline := disp == "inline" || (disp != "attachment" && strings.HasPrefix(ct, "text/"))
	return !inline || (ct != "text/plain" && ct != "text/html")
}

func decodeTransfer(enc string, r io.Reader) io.Reader {
	switch strings.ToLower(strings.TrimSpace(enc)) {
	case "base64":
		// The decoder skips line breaks; other white space is dropped first.
		return base64.NewDecoder(base64.StdEncoding, &dropSpace{r: r})
	case "quoted-printable":
		return quotedprintable.NewReader(r)
	}
	return r
}

type dropSpace struct{ r io.Reader }

func (d *dropSpace) Read(p []byte) (int, error) {
	n, err := d.r.Read(p)
	j := 0
	for _, b := range p[:n] {
		if b != ' ' && b != '\t' {
			p[j] = b
			j++
		}
	}
	return j, err
}

// sourceReader marks the errors of reading the message as ErrUnparseable.
type sourceReader struct{ r io.Reader }

func (s *sourceReader) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF && !errors.Is(err, ErrUnparseable) {
		err = fmt.Errorf("%w: %v", ErrUnparseable, err)
	}
	return n, err
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
