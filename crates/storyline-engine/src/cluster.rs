//! Average-linkage clustering over a sparse similarity graph.
//!
//! Missing edges count as similarity 0, so two clusters merge only when the
//! average similarity over *all* their cross pairs reaches the threshold — a
//! single bridging article cannot chain two stories together the way single
//! linkage would. Merges are taken best-first from a heap with stale entries
//! skipped; ties break on cluster ids, so the result is deterministic.

use rustc_hash::FxHashMap as HashMap;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

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
    /// Summed similarity of the pairs inside the cluster.
    inner: f64,
    links: HashMap<u32, f64>,
}

impl Cluster {
    /// Average similarity inside the cluster; `None` for a single item.
    fn cohesion(&self) -> Option<f64> {
        let pairs = self.size * (self.size - 1) / 2;
        (pairs > 0).then(|| self.inner / pairs as f64)
    }
}

/// When two clusters may merge.
#[derive(Debug, Clone, Copy)]
pub struct Linkage {
    /// Least average similarity across the two clusters.
    pub threshold: f32,
    /// The cross average must also reach this share of each cluster's own
    /// cohesion: a tight story does not absorb a neighbour that merely shares
    /// its topic.
    pub cohesion_ratio: f32,
    /// Cohesion above this counts as this much: copies of one text are
    /// near-identical, and other reports of their story must still be able
    /// to join them.
    pub cohesion_cap: f32,
}

/// Cluster `n` items; returns each item's cluster label (the smallest item
/// index in its cluster).
///
/// Links are taken as an iterator (read twice) so a caller with millions
/// of them need not hold a second copy; each pair is linked at most once.
/// An item whose strongest link is
/// below the threshold can never merge — its average with any cluster is at
/// most that link — so its links are never stored; and only pairs whose
/// average can reach the threshold wait in the merge heap.
pub fn average_linkage<L>(n: usize, links: L, linkage: Linkage) -> Vec<u32>
where
    L: IntoIterator<Item = Link> + Clone,
{
    let threshold = f64::from(linkage.threshold);
    let mut strongest = vec![f32::MIN; n];
    for link in links.clone() {
        for x in [link.a, link.b] {
            strongest[x as usize] = strongest[x as usize].max(link.weight);
        }
    }
    let can_merge = |x: u32| f64::from(strongest[x as usize]) >= threshold;
    let mut clusters: Vec<Option<Cluster>> = (0..n)
        .map(|_| {
            Some(Cluster {
                size: 1,
                inner: 0.0,
                links: HashMap::default(),
            })
        })
        .collect();
    for link in links
        .into_iter()
        .filter(|l| l.a != l.b && can_merge(l.a) && can_merge(l.b))
    {
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
            if (a as u32) < b && sum >= threshold {
                heap.push(Candidate {
                    average: sum,
                    a: a as u32,
                    b,
                });
            }
        }
    }
    let mut parent: Vec<u32> = (0..n as u32).collect();
    let ratio = f64::from(linkage.cohesion_ratio);
    let cap = f64::from(linkage.cohesion_cap);
    while let Some(Candidate { average, a, b }) = heap.pop() {
        if average < threshold {
            break;
        }
        if current_average(&clusters, a, b) != Some(average) {
            continue;
        }
        let cohesive = |c: u32| {
            let cluster = clusters[c as usize].as_ref().expect("live cluster");
            cluster
                .cohesion()
                .is_none_or(|own| average >= ratio * own.min(cap))
        };
        if !(cohesive(a) && cohesive(b)) {
            continue;
        }
        merge(&mut clusters, &mut heap, (a, b), threshold);
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

/// Merge cluster `b` into `a` (`a < b` keeps labels minimal), queueing the
/// merged cluster's new averages that can still reach `threshold`.
fn merge(
    clusters: &mut [Option<Cluster>],
    heap: &mut BinaryHeap<Candidate>,
    (a, b): (u32, u32),
    threshold: f64,
) {
    let gone = clusters[b as usize].take().expect("live cluster");
    let mut kept = clusters[a as usize].take().expect("live cluster");
    kept.size += gone.size;
    kept.inner += gone.inner + kept.links.remove(&b).unwrap_or(0.0);
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
        if average < threshold {
            continue;
        }
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
pub(crate) mod tests {
    use super::*;

    fn at(threshold: f32) -> Linkage {
        Linkage {
            threshold,
            cohesion_ratio: 0.0,
            cohesion_cap: 1.0,
        }
    }

    #[test]
    fn a_tight_story_keeps_out_a_topical_neighbour() {
        // {0,1,2} are near-identical; 3 resembles each of them moderately.
        let links = [
            link(0, 1, 0.9),
            link(0, 2, 0.9),
            link(1, 2, 0.9),
            link(0, 3, 0.4),
            link(1, 3, 0.4),
            link(2, 3, 0.4),
        ];
        assert_eq!(average_linkage(4, links, at(0.3)), [0, 0, 0, 0]);
        let strict = Linkage {
            threshold: 0.3,
            cohesion_ratio: 0.5,
            cohesion_cap: 1.0,
        };
        assert_eq!(average_linkage(4, links, strict), [0, 0, 0, 3]);
    }

    /// A link, written short (the neighbourhood tests use it too).
    pub(crate) fn link(a: u32, b: u32, weight: f32) -> Link {
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
        assert_eq!(average_linkage(5, links, at(0.3)), [0, 0, 0, 3, 4]);
    }

    #[test]
    fn one_bridge_does_not_chain_two_groups() {
        // {0,1} and {2,3} are tight; only 1-2 links them.
        let links = [link(0, 1, 0.9), link(2, 3, 0.9), link(1, 2, 0.5)];
        // Average over the 4 cross pairs is 0.5 / 4 = 0.125 < 0.3.
        assert_eq!(average_linkage(4, links, at(0.3)), [0, 0, 2, 2]);
        // Single linkage at 0.3 would have merged them; a low threshold does.
        assert_eq!(average_linkage(4, links, at(0.1)), [0, 0, 0, 0]);
    }

    #[test]
    fn result_does_not_depend_on_link_order() {
        let mut links = vec![
            link(0, 1, 0.5),
            link(2, 3, 0.5),
            link(1, 2, 0.5),
            link(4, 0, 0.6),
        ];
        let first = average_linkage(5, links.clone(), at(0.2));
        links.reverse();
        assert_eq!(average_linkage(5, links, at(0.2)), first);
    }
}
