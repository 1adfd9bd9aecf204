//! JSONL: one article per line, `{"id", "title", "text", "date", "source", "url", ...}`.

use crate::article::Origin;
use crate::collect::{admit, Collector, Kept};
use crate::fields::parse_line;
use crate::mapped::MappedFile;
use crate::source::{decode, lossy_reason};
use rayon::prelude::*;
use std::io::Read;

/// Bytes of JSONL parsed together: large enough to keep both cores busy,
/// small enough that memory holds one block rather than the file.
const BLOCK_BYTES: usize = 4 << 20;

/// Read a JSONL file into `out`: mapped into memory when it is a regular
/// file ([`MappedFile`]), else (a pipe, a device) through [`read`].
///
/// Read through a buffer instead, each 4 MB block is first copied by the
/// reading thread while both parsing threads wait: on 10k generated
/// articles about 3 ms per block, an eighth of `dedup`'s wall time with
/// one core idle.
/// A mapped file is parsed where it lies; its pages come in from the page
/// cache on the threads that parse them (see [`line_starts`]), and each
/// block's pages are given back once parsed, so the process holds one
/// block of the file at a time, as before. `dedup` on those 10k articles:
/// median 0.171 → 0.161 s over 61 alternating runs, output identical.
pub(crate) fn read_file<T: Kept>(shown: &str, file: std::fs::File, out: &mut Collector<T>) {
    match MappedFile::open(&file) {
        Some(mapped) => read_mapped(shown, &mapped, BLOCK_BYTES, out),
        None => read(shown, file, out),
    }
}

/// Parse a mapped file a block of whole lines at a time, giving each
/// block's pages back once it is parsed.
fn read_mapped<T: Kept>(
    shown: &str,
    mapped: &MappedFile,
    block_bytes: usize,
    out: &mut Collector<T>,
) {
    let bytes = mapped.bytes();
    let mut at = Position::new();
    let mut start = 0;
    while start < bytes.len() {
        let end = block_end(bytes, start, block_bytes);
        parse_lines(shown, &bytes[start..end], &mut at, out);
        mapped.release(start..end);
        start = end;
    }
    at.finish(shown, out);
}

/// Where the block starting at `start` ends: after the last newline
/// within `block_bytes`, or after the first one past it when a single line
/// is longer, or at the end of the file.
fn block_end(bytes: &[u8], start: usize, block_bytes: usize) -> usize {
    let limit = start.saturating_add(block_bytes.max(1));
    if limit >= bytes.len() {
        return bytes.len();
    }
    match memchr::memrchr(b'\n', &bytes[start..limit]) {
        Some(i) => start + i + 1,
        None => memchr::memchr(b'\n', &bytes[limit..]).map_or(bytes.len(), |i| limit + i + 1),
    }
}

/// Read JSONL from `reader`, a block of whole lines at a time, into `out`.
///
/// A block is read in one call into one reused buffer, and its lines are
/// found, decoded, parsed and reduced to what the caller keeps in
/// parallel; lines used to be copied one by one into strings of their own
/// on the reading thread while the other core waited. (With `dedup`
/// fingerprinting in the same pass, its wall time fell 10–13 % at 10k and
/// 100k articles.) Results are then taken in file order, so ids are
/// checked and renamed as if the lines were read one by one.
pub(crate) fn read<T: Kept>(shown: &str, reader: impl Read, out: &mut Collector<T>) {
    read_in_blocks(shown, reader, BLOCK_BYTES, out);
}

/// Where the reader is in the file.
struct Position {
    /// The number of the next line (1-based).
    next_line: usize,
    /// Lines so far with invalid UTF-8: the first is reported in full, the
    /// rest only counted.
    lossy_lines: usize,
}

impl Position {
    fn new() -> Self {
        Position {
            next_line: 1,
            lossy_lines: 0,
        }
    }

    /// Say how many more lines were decoded lossily than the one reported.
    fn finish<T: Kept>(self, shown: &str, out: &mut Collector<T>) {
        if self.lossy_lines > 1 {
            let reason = format!(
                "{} more lines had invalid UTF-8 and were decoded the same way",
                self.lossy_lines - 1
            );
            out.warn(shown, None, reason);
        }
    }
}

fn read_in_blocks<T: Kept>(
    shown: &str,
    mut reader: impl Read,
    block_bytes: usize,
    out: &mut Collector<T>,
) {
    // Sized once: growing by doubling would copy the block and touch
    // half as much memory again.
    let mut block = Vec::with_capacity(block_bytes);
    let mut at = Position::new();
    loop {
        // Fill the block up (past the partial line carried over); a line
        // longer than a block grows it until the line's end arrives.
        let want = block_bytes - block.len() % block_bytes;
        let read = (&mut reader).take(want as u64).read_to_end(&mut block);
        let at_end = matches!(read, Ok(n) if n < want);
        let whole_lines = if at_end {
            block.len()
        } else {
            memchr::memrchr(b'\n', &block).map_or(0, |i| i + 1)
        };
        parse_lines(shown, &block[..whole_lines], &mut at, out);
        block.drain(..whole_lines);
        match read {
            Ok(_) if !at_end => {}
            Ok(_) => break,
            Err(e) => {
                out.skip(shown, Some(at.next_line), format!("cannot read: {e}"));
                break;
            }
        }
    }
    at.finish(shown, out);
}

/// Parse the lines of `block` (whole lines; blank ones are skipped but
/// counted) in parallel, then hand them to `out` in order.
fn parse_lines<T: Kept>(shown: &str, block: &[u8], at: &mut Position, out: &mut Collector<T>) {
    if block.is_empty() {
        return;
    }
    let body = block.strip_suffix(b"\n").unwrap_or(block);
    let starts = line_starts(body, PIECE_BYTES);
    let first_line = at.next_line;
    at.next_line += starts.len();
    let keep = out.keep;
    let parsed: Vec<(usize, Option<usize>, Result<T, String>)> = starts
        .par_iter()
        .enumerate()
        .filter_map(|(i, &start)| {
            let end = starts.get(i + 1).map_or(body.len(), |&next| next - 1);
            let number = first_line + i;
            let (text, lossy_at) = match decode(&body[start..end]) {
                Ok(text) => (text, None),
                Err((text, at)) => (text, Some(at)),
            };
            if text.trim().is_empty() {
                return None;
            }
            let origin = Origin {
                path: shown.to_string(),
                line: Some(number),
            };
            let admitted = parse_line(&text, origin).and_then(|a| admit(keep, a));
            Some((number, lossy_at, admitted))
        })
        .collect();
    for (number, lossy_at, result) in parsed {
        if let Some(byte) = lossy_at {
            at.lossy_lines += 1;
            if at.lossy_lines == 1 {
                out.warn(shown, Some(number), lossy_reason(byte));
            }
        }
        match result {
            Ok(item) => out.accept(item, shown, Some(number)),
            Err(reason) => out.skip(shown, Some(number), reason),
        }
    }
}

/// Bytes of a block searched for line ends by one task.
const PIECE_BYTES: usize = 512 << 10;

/// Where each line of `body` starts, found in parallel pieces: the first
/// pass over a mapped block is what brings its pages in, and on one thread
/// it left the other core idle for about 2 ms per 4 MB block.
fn line_starts(body: &[u8], piece_bytes: usize) -> Vec<usize> {
    pieces(body, piece_bytes)
        .into_par_iter()
        .flat_map_iter(|(start, end)| {
            let ends = memchr::memchr_iter(b'\n', &body[start..end]);
            std::iter::once(start).chain(ends.map(move |i| start + i + 1))
        })
        .collect()
}

/// `body` cut into runs of whole lines of about `size` bytes, as `(start,
/// end)`: each run but the last ends just before a newline.
fn pieces(body: &[u8], size: usize) -> Vec<(usize, usize)> {
    let mut pieces = Vec::new();
    let mut start = 0usize;
    loop {
        let cut = start.saturating_add(size.max(1));
        let newline = (cut < body.len())
            .then(|| memchr::memchr(b'\n', &body[cut..]))
            .flatten();
        match newline {
            Some(i) => {
                pieces.push((start, cut + i));
                start = cut + i + 1;
            }
            None => {
                pieces.push((start, body.len()));
                return pieces;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;

    /// Every article id and every problem, as a reader reports them.
    fn collected(read: impl FnOnce(&mut Collector<Article>)) -> (Vec<String>, Vec<String>) {
        let mut ids = Vec::new();
        let mut sink = |batch: Vec<Article>| ids.extend(batch.into_iter().map(|a| a.id));
        let mut out = Collector::new(3, &|article| article, &mut sink);
        read(&mut out);
        let read = out.finish();
        let problems = read.skipped.iter().chain(&read.warnings);
        (ids, problems.map(ToString::to_string).collect())
    }

    /// [`collected`] from `read_in_blocks`.
    fn read_with_blocks(input: impl Read, block_bytes: usize) -> (Vec<String>, Vec<String>) {
        collected(|out| read_in_blocks("feed.jsonl", input, block_bytes, out))
    }

    #[test]
    fn lines_cut_by_block_edges_read_as_if_whole() {
        let body = "Rain closed the ferry to Elwin for a second day.";
        let mut input = Vec::new();
        for i in 0..12 {
            input.extend(
                format!("{{\"id\":\"a{}\",\"text\":\"{body} ({i})\"}}\n", i % 9).as_bytes(),
            );
            if i % 4 == 1 {
                input.extend(b"\n{broken\r\n");
            }
        }
        input.extend(format!("{{\"id\":\"latin\",\"text\":\"{body} Caf").as_bytes());
        input.extend(b"\xe9 open.\"}"); // the last line has no newline
        let whole = read_with_blocks(&input[..], input.len() + 1);
        assert_eq!(whole.0.len(), 13);
        assert_eq!(&whole.0[9..], ["a0#2", "a1#2", "a2#2", "latin"]);
        assert_eq!(whole.1.len(), 3 + 3 + 1, "{:?}", whole.1);
        assert!(whole.1[0].starts_with("feed.jsonl:4: malformed JSON"));
        assert!(whole.1[6].starts_with("feed.jsonl:19: invalid UTF-8"));
        // Blocks smaller than a line, and every size up to a few lines.
        for block_bytes in [1, 2, 7, 50, 64, 100, 150, 333, 1000] {
            assert_eq!(
                read_with_blocks(&input[..], block_bytes),
                whole,
                "{block_bytes}"
            );
        }
    }

    #[test]
    fn a_read_error_is_reported_at_the_line_it_stopped_on() {
        let good = "{\"id\":\"ok\",\"text\":\"The council approved the budget on Monday.\"}\n";
        let failing = good.as_bytes().chain(FailingReader);
        let (ids, problems) = read_with_blocks(failing, 1 << 10);
        assert_eq!(ids, ["ok"]);
        assert_eq!(problems, ["feed.jsonl:2: cannot read: disk went away"]);
    }

    #[test]
    fn a_mapped_file_reads_as_the_same_file_read_in_blocks() {
        let mut input = String::new();
        for i in 0..40 {
            let body = "The harbour board met on Tuesday to discuss the new ferry timetable.";
            input.push_str(&format!(
                "{{\"id\":\"m{}\",\"text\":\"{body} ({i})\"}}\n",
                i % 30
            ));
            if i % 9 == 4 {
                input.push_str("\n[1]\n");
            }
        }
        let mut input = input.into_bytes();
        for _ in 0..2 {
            input.extend(b"{\"id\":\"latin\",\"text\":\"The caf\xe9 on the quay reopened after the storm.\"}\n");
        }
        input.extend(
            b"{\"id\":\"last\",\"text\":\"Late trains ran again after the storm cleared.\"}",
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feed.jsonl");
        std::fs::write(&path, &input).unwrap();
        let expected = read_with_blocks(&input[..], input.len() + 1);
        assert_eq!(expected.0.len(), 43);
        // Four lines that are not objects, eleven renamed ids, and the
        // invalid UTF-8 reported once in full and once as a count.
        assert_eq!(expected.1.len(), 4 + 11 + 2, "{:?}", expected.1);
        let mapped = MappedFile::open(&std::fs::File::open(&path).unwrap()).unwrap();
        for block_bytes in [1, 3, 80, 100, 700, 4096, 5000, input.len(), 1 << 20] {
            let read = collected(|out| read_mapped("feed.jsonl", &mapped, block_bytes, out));
            assert_eq!(read, expected, "{block_bytes}-byte blocks");
        }
    }

    #[test]
    fn line_starts_found_in_pieces_are_every_line_start() {
        let body = b"ab\n\ncd\nefgh\n\n\nij";
        let whole: Vec<usize> = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', body).map(|i| i + 1))
            .collect();
        for piece_bytes in 0..=body.len() + 1 {
            assert_eq!(line_starts(body, piece_bytes), whole, "{piece_bytes}");
        }
        assert_eq!(line_starts(b"", 4), [0]);
    }

    struct FailingReader;

    impl Read for FailingReader {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk went away"))
        }
    }
}
