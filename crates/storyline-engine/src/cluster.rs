//! Average-linkage clustering over a sparse similarity graph.
//!
//! Missing edges count as similarity 0, so two clusters merge only when the
//! average similarity over *all* their cross pairs reaches the threshold — a
//! single bridging article cannot chain two stories together the way single
//! linkage would. Merges are taken best-first from a heap with stale entries
//! skipped; ties break on cluster ids, so the result is deterministic.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

/// A weighted edge between items `a` and `b`.
#[derive(Debug, Clone, Copy)]
pub struct Link {
    /// First item.
    pub a: u32,
    /// Second item.
    pub b: u32,
    /// Similarity.
    pub weight: f32,
}

struct Candidate {
    average: f64,
    a: u32,
    b: u32,
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Candidate {}
impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.average
            .total_cmp(&other.average)
            .then_with(|| (other.a, other.b).cmp(&(self.a, self.b)))
    }
}

/// A cluster under construction: its size and summed similarity to each
/// neighbouring cluster.
struct Cluster {
    size: usize,
    links: HashMap<u32, f64>,
}

/// Cluster `n` items; returns each item's cluster label (the smallest item
/// index in its cluster).
pub fn average_linkage(n: usize, links: &[Link], threshold: f32) -> Vec<u32> {
    let mut clusters: Vec<Option<Cluster>> = (0..n)
        .map(|_| {
            Some(Cluster {
                size: 1,
                links: HashMap::new(),
            })
        })
        .collect();
    for link in links.iter().filter(|l| l.a != l.b) {
        for (x, y) in [(link.a, link.b), (link.b, link.a)] {
            *clusters[x as usize]
                .as_mut()
                .expect("fresh")
                .links
                .entry(y)
                .or_default() += f64::from(link.weight);
        }
    }
    let mut heap = BinaryHeap::new();
    for (a, cluster) in clusters.iter().enumerate() {
        let cluster = cluster.as_ref().expect("fresh");
        for (&b, &sum) in &cluster.links {
            if (a as u32) < b {
                heap.push(Candidate {
                    average: sum,
                    a: a as u32,
                    b,
                });
            }
        }
    }
    let mut parent: Vec<u32> = (0..n as u32).collect();
    let threshold = f64::from(threshold);
    while let Some(Candidate { average, a, b }) = heap.pop() {
        if average < threshold {
            break;
        }
        if current_average(&clusters, a, b) != Some(average) {
            continue;
        }
        merge(&mut clusters, &mut heap, a, b);
        parent[b as usize] = a;
    }
    labels(&mut parent)
}

fn current_average(clusters: &[Option<Cluster>], a: u32, b: u32) -> Option<f64> {
    let (ca, cb) = (
        clusters[a as usize].as_ref()?,
        clusters[b as usize].as_ref()?,
    );
    let sum = ca.links.get(&b)?;
    Some(sum / (ca.size * cb.size) as f64)
}

/// Merge cluster `b` into `a` (`a < b` keeps labels minimal) and queue the
/// merged cluster's new averages.
fn merge(clusters: &mut [Option<Cluster>], heap: &mut BinaryHeap<Candidate>, a: u32, b: u32) {
    let gone = clusters[b as usize].take().expect("live cluster");
    let mut kept = clusters[a as usize].take().expect("live cluster");
    kept.size += gone.size;
    kept.links.remove(&b);
    for (other, sum) in gone.links {
        if other != a {
            *kept.links.entry(other).or_default() += sum;
        }
    }
    for (&other, &sum) in &kept.links {
        let neighbour = clusters[other as usize]
            .as_mut()
            .expect("linked clusters are live");
        neighbour.links.remove(&b);
        neighbour.links.insert(a, sum);
        let average = sum / (kept.size * neighbour.size) as f64;
        let (x, y) = if a < other { (a, other) } else { (other, a) };
        heap.push(Candidate {
            average,
            a: x,
            b: y,
        });
    }
    clusters[a as usize] = Some(kept);
}

fn labels(parent: &mut [u32]) -> Vec<u32> {
    (0..parent.len()).map(|i| find(parent, i as u32)).collect()
}

fn find(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        let up = parent[parent[x as usize] as usize];
        parent[x as usize] = up;
        x = up;
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(a: u32, b: u32, weight: f32) -> Link {
        Link { a, b, weight }
    }

    #[test]
    fn merges_close_items_and_leaves_loners() {
        let links = [
            link(0, 1, 0.9),
            link(1, 2, 0.8),
            link(0, 2, 0.7),
            link(3, 4, 0.1),
        ];
        assert_eq!(average_linkage(5, &links, 0.3), [0, 0, 0, 3, 4]);
    }

    #[test]
    fn one_bridge_does_not_chain_two_groups() {
        // {0,1} and {2,3} are tight; only 1-2 links them.
        let links = [link(0, 1, 0.9), link(2, 3, 0.9), link(1, 2, 0.5)];
        // Average over the 4 cross pairs is 0.5 / 4 = 0.125 < 0.3.
        assert_eq!(average_linkage(4, &links, 0.3), [0, 0, 2, 2]);
        // Single linkage at 0.3 would have merged them; a low threshold does.
        assert_eq!(average_linkage(4, &links, 0.1), [0, 0, 0, 0]);
    }

    #[test]
    fn result_does_not_depend_on_link_order() {
        let mut links = vec![
            link(0, 1, 0.5),
            link(2, 3, 0.5),
            link(1, 2, 0.5),
            link(4, 0, 0.6),
        ];
        let first = average_linkage(5, &links, 0.2);
        links.reverse();
        assert_eq!(average_linkage(5, &links, 0.2), first);
    }
}
