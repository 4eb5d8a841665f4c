//! How long each stage of a build took (`build --timings`).

/// How long each stage of a build took, in order (`build --timings`).
#[derive(Debug, Clone, Default)]
pub struct Timings(Vec<(&'static str, std::time::Duration)>);

impl Timings {
    /// Adds time to a phase, creating it at the end if new.
    pub fn add(&mut self, phase: &'static str, took: std::time::Duration) {
        match self.0.iter_mut().find(|(p, _)| *p == phase) {
            Some((_, total)) => *total += took,
            None => self.0.push((phase, took)),
        }
    }

    /// Appends another set of timings.
    pub fn extend(&mut self, other: Timings) {
        for (phase, took) in other.0 {
            self.add(phase, took);
        }
    }

    /// The phases and their durations, in order.
    pub fn phases(&self) -> &[(&'static str, std::time::Duration)] {
        &self.0
    }
}
