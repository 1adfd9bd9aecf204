//! Where a corpus keeps its prepared documents between stages.
//!
//! A prepared document (sentences, word hashes, terms) takes about 15 KB of
//! memory, so a million of them do not fit in a few gigabytes. Only the
//! stories with more than one article need their documents again, for
//! labelling, so a large corpus *spills*: each prepared document is written
//! in a compact binary form ([`codec`]) to an anonymous temporary file and
//! read back when a stage asks for it — far cheaper than preparing the
//! article again, and the same document to the bit, so a spilled corpus
//! gives the same stories, labels and figures as one held in memory.

mod codec;

use crate::document::Document;
use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::sync::Mutex;

/// Prepared documents, by corpus index.
pub(crate) enum Store {
    /// Every document, prepared once.
    Memory(Vec<Document>),
    /// Articles in a temporary file, prepared on demand.
    Spilled(Spill),
}

/// Encoded documents in a temporary file (deleted by the system when
/// dropped), and where each one starts.
pub(crate) struct Spill {
    writer: Option<BufWriter<File>>,
    reader: Mutex<Option<File>>,
    spans: Vec<(u64, u32)>,
    end: u64,
}

impl Store {
    /// An empty store; `spill` puts articles on disk.
    pub(crate) fn new(spill: bool) -> std::io::Result<Self> {
        Ok(if spill {
            Store::Spilled(Spill {
                writer: Some(BufWriter::with_capacity(1 << 20, tempfile::tempfile()?)),
                reader: Mutex::new(None),
                spans: Vec::new(),
                end: 0,
            })
        } else {
            Store::Memory(Vec::new())
        })
    }

    /// A document in the form this store keeps it: itself, or encoded for
    /// the spill file. Called in parallel, before the serial [`Store::push`].
    pub(crate) fn entry(&self, doc: Document) -> Entry {
        match self {
            Store::Memory(_) => Entry::Document(Box::new(doc)),
            Store::Spilled(_) => {
                let mut bytes = Vec::with_capacity(16 << 10);
                codec::encode(&doc, &mut bytes);
                Entry::Encoded(bytes)
            }
        }
    }

    /// Keep the next document, made by [`Store::entry`].
    pub(crate) fn push(&mut self, entry: Entry) -> std::io::Result<()> {
        match (self, entry) {
            (Store::Memory(docs), Entry::Document(doc)) => docs.push(*doc),
            (Store::Spilled(spill), Entry::Encoded(bytes)) => {
                let writer = spill.writer.as_mut().expect("no push after finish");
                writer.write_all(&bytes)?;
                let len = u32::try_from(bytes.len())
                    .map_err(|_| std::io::Error::other("a prepared document is over 4 GB"))?;
                spill.spans.push((spill.end, len));
                spill.end += u64::from(len);
            }
            _ => unreachable!("entries are made by the store they go to"),
        }
        Ok(())
    }

    /// Make the store readable; nothing is pushed after this.
    pub(crate) fn finish(&mut self) -> std::io::Result<()> {
        if let Store::Spilled(spill) = self {
            if let Some(writer) = spill.writer.take() {
                let file = writer.into_inner().map_err(|e| e.into_error())?;
                *spill.reader.lock().expect("spill lock") = Some(file);
            }
        }
        Ok(())
    }

    /// The prepared document at `index`.
    ///
    /// # Panics
    /// When a spilled document cannot be read back from the temporary file
    /// the store itself wrote, which leaves nothing sensible to go on with.
    pub(crate) fn get(&self, index: usize) -> Cow<'_, Document> {
        match self {
            Store::Memory(docs) => Cow::Borrowed(&docs[index]),
            Store::Spilled(spill) => Cow::Owned(spill.read(index).unwrap_or_else(|e| {
                panic!("cannot read document {index} back from the temporary spill file: {e}")
            })),
        }
    }
}

/// One document on its way into a [`Store`].
pub(crate) enum Entry {
    Document(Box<Document>),
    Encoded(Vec<u8>),
}

impl Spill {
    fn read(&self, index: usize) -> std::io::Result<Document> {
        let (start, len) = self.spans[index];
        let mut bytes = vec![0u8; len as usize];
        {
            let mut reader = self.reader.lock().expect("spill lock");
            let file = reader.as_mut().expect("store finished before reading");
            file.seek(SeekFrom::Start(start))?;
            file.read_exact(&mut bytes)?;
        }
        codec::decode(&bytes)
    }
}
