//! Where a corpus keeps its prepared documents between stages.
//!
//! A prepared document (sentences, word hashes, terms) takes about 15 KB, so
//! a million of them do not fit in a few gigabytes. Only the stories with
//! more than one article need their documents again, for labelling, so a
//! large corpus *spills*: each article is written as it was read to an
//! anonymous temporary file, and prepared again from there when a stage
//! asks for it. Preparing is deterministic, so a spilled corpus gives the
//! same stories, labels and figures as one held in memory.

use crate::document::Document;
use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::sync::Mutex;
use storyline_ingest::Article;

/// Prepared documents, by corpus index.
pub(crate) enum Store {
    /// Every document, prepared once.
    Memory(Vec<Document>),
    /// Articles in a temporary file, prepared on demand.
    Spilled(Spill),
}

/// Articles as JSON in a temporary file (deleted by the system when
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

    /// Whether articles should be serialised for [`Store::push`].
    pub(crate) fn spills(&self) -> bool {
        matches!(self, Store::Spilled(_))
    }

    /// Keep a document; `article` is its article as JSON when the store
    /// spills.
    pub(crate) fn push(&mut self, doc: Document, article: Option<Vec<u8>>) -> std::io::Result<()> {
        match self {
            Store::Memory(docs) => docs.push(doc),
            Store::Spilled(spill) => {
                let bytes = article.expect("a spilling store is given the article");
                let writer = spill.writer.as_mut().expect("no push after finish");
                writer.write_all(&bytes)?;
                let len = u32::try_from(bytes.len()).map_err(|_| {
                    std::io::Error::other(format!("article '{}' is over 4 GB", doc.id()))
                })?;
                spill.spans.push((spill.end, len));
                spill.end += u64::from(len);
            }
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
    /// When a spilled article cannot be read back from the temporary file
    /// the store itself wrote, which leaves nothing sensible to go on with.
    pub(crate) fn get(&self, index: usize) -> Cow<'_, Document> {
        match self {
            Store::Memory(docs) => Cow::Borrowed(&docs[index]),
            Store::Spilled(spill) => {
                let article = spill.read(index).unwrap_or_else(|e| {
                    panic!("cannot read article {index} back from the temporary spill file: {e}")
                });
                Cow::Owned(Document::prepare(article))
            }
        }
    }
}

impl Spill {
    fn read(&self, index: usize) -> std::io::Result<Article> {
        let (start, len) = self.spans[index];
        let mut bytes = vec![0u8; len as usize];
        {
            let mut reader = self.reader.lock().expect("spill lock");
            let file = reader.as_mut().expect("store finished before reading");
            file.seek(SeekFrom::Start(start))?;
            file.read_exact(&mut bytes)?;
        }
        serde_json::from_slice(&bytes).map_err(std::io::Error::other)
    }
}
