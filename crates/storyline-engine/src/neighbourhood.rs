//! Shared-neighbour smoothing of the similarity graph.
//!
//! Two reports of one event often share few words with each other yet
//! resemble the same third and fourth reports; two events of one kind (two
//! celebrities entering rehab) share their vocabulary but not their closest
//! neighbours. So each article gets a *profile*: itself and its few strongest
//! neighbours, weighted by similarity. A pair's link weight blends its own
//! similarity with the cosine of the two profiles, before clustering.
//!
//! Only the links of the candidate graph are reweighted; no pair is added.
//! Profiles hold `size + 1` entries, so the work is linear in the links.

use crate::cluster::Link;

/// How the graph is smoothed.
#[derive(Debug, Clone, Copy)]
pub struct Smoothing {
    /// Strongest neighbours in a profile.
    pub size: usize,
    /// Weight of the article itself in its own profile.
    pub self_weight: f32,
    /// Share of the blended weight given to the profiles' cosine (0: the
    /// graph is left as it is).
    pub share: f32,
}

/// Every item's profile: `(item, weight)` sorted by item, unit length.
/// Profiles are held flat, `size + 1` slots each, so a million articles take
/// one allocation rather than a million.
pub struct Profiles {
    stride: usize,
    slots: Vec<(u32, f32)>,
    lens: Vec<u32>,
}

impl Profiles {
    /// Build every profile of `n` items from their links.
    pub fn new<L>(n: usize, links: L, smoothing: Smoothing) -> Self
    where
        L: IntoIterator<Item = Link>,
    {
        let stride = smoothing.size + 1;
        let mut profiles = Profiles {
            stride,
            slots: vec![(0, 0.0); n * stride],
            lens: vec![0; n],
        };
        for link in links.into_iter().filter(|l| l.a != l.b && l.weight > 0.0) {
            profiles.offer(link.a, (link.b, link.weight), smoothing.size);
            profiles.offer(link.b, (link.a, link.weight), smoothing.size);
        }
        for item in 0..n {
            profiles.offer(item as u32, (item as u32, smoothing.self_weight), stride);
            let profile = profiles.profile_mut(item);
            profile.sort_unstable_by_key(|&(i, _)| i);
            storyline_align::normalise(profile);
        }
        profiles
    }

    /// Cosine of two items' profiles.
    pub fn similarity(&self, a: u32, b: u32) -> f32 {
        storyline_align::sparse_dot(self.profile(a as usize), self.profile(b as usize))
    }

    fn profile(&self, item: usize) -> &[(u32, f32)] {
        let start = item * self.stride;
        &self.slots[start..start + self.lens[item] as usize]
    }

    fn profile_mut(&mut self, item: usize) -> &mut [(u32, f32)] {
        let start = item * self.stride;
        &mut self.slots[start..start + self.lens[item] as usize]
    }

    /// Put `candidate` into `item`'s profile if it is among the `size`
    /// strongest offered; ties keep the lower item, so the result does not
    /// depend on link order.
    fn offer(&mut self, item: u32, candidate: (u32, f32), size: usize) {
        if size == 0 {
            return;
        }
        let len = self.lens[item as usize] as usize;
        let start = item as usize * self.stride;
        if len < size {
            self.slots[start + len] = candidate;
            self.lens[item as usize] += 1;
            return;
        }
        let weaker = |x: (u32, f32), y: (u32, f32)| x.1 < y.1 || (x.1 == y.1 && x.0 > y.0);
        let kept = &mut self.slots[start..start + len];
        let weakest = (1..len).fold(0, |w, i| if weaker(kept[i], kept[w]) { i } else { w });
        if weaker(kept[weakest], candidate) {
            kept[weakest] = candidate;
        }
    }
}

/// A link's weight blended with its ends' profile similarity.
pub fn smoothed(link: Link, profiles: &Profiles, smoothing: Smoothing) -> Link {
    let share = smoothing.share;
    Link {
        weight: (1.0 - share) * link.weight + share * profiles.similarity(link.a, link.b),
        ..link
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::tests::link;

    const ONE_NEIGHBOUR: Smoothing = Smoothing {
        size: 1,
        self_weight: 1.0,
        share: 1.0,
    };

    #[test]
    fn a_profile_keeps_only_the_strongest_neighbours() {
        let links = [link(0, 1, 0.9), link(0, 2, 0.3), link(0, 3, 0.5)];
        let profiles = Profiles::new(4, links, ONE_NEIGHBOUR);
        // 0's profile is {0, 1} (not 3: only one neighbour is kept), and
        // so is 1's, with the weights the other way round.
        assert!(profiles.similarity(0, 1) > 0.99);
        // 3's profile {0, 3} meets 0's only on 0: (1 · 0.5) / (√1.25 · √1.81).
        let s = profiles.similarity(0, 3);
        assert!(
            (s - 0.5 / (1.25f32.sqrt() * 1.81f32.sqrt())).abs() < 1e-5,
            "{s}"
        );
    }

    #[test]
    fn shared_neighbours_lift_a_weak_pair_and_lone_pairs_fall() {
        // 1 and 2 barely resemble each other but both resemble 0 closely;
        // 3 and 4 resemble each other as weakly and share nobody.
        let links = [
            link(0, 1, 0.8),
            link(0, 2, 0.8),
            link(1, 2, 0.2),
            link(3, 4, 0.2),
        ];
        let smoothing = Smoothing {
            size: 2,
            self_weight: 0.5,
            share: 0.5,
        };
        let profiles = Profiles::new(5, links, smoothing);
        let lifted = smoothed(links[2], &profiles, smoothing).weight;
        let lone = smoothed(links[3], &profiles, smoothing).weight;
        assert!(lifted > 0.2 + 0.1, "{lifted}");
        assert!(lone < lifted, "{lone} vs {lifted}");
    }

    #[test]
    fn profiles_do_not_depend_on_link_order() {
        let mut links = vec![link(0, 1, 0.5), link(0, 2, 0.5), link(0, 3, 0.4)];
        let first = Profiles::new(4, links.clone(), ONE_NEIGHBOUR);
        links.reverse();
        let second = Profiles::new(4, links, ONE_NEIGHBOUR);
        for item in 0..4 {
            assert_eq!(second.profile(item), first.profile(item));
        }
    }
}
