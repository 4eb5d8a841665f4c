//! Integration tests: the real `charta` binary on the example site and on
//! broken copies of it. One test binary; one module per subject.

mod corpus;
mod diffs;
mod errors;
mod hardening;
mod import;
mod lifecycle;
mod links;
mod pages;
mod pdf;
mod plan;
mod review;
mod shapes;
mod support;
mod themes;
mod versions;
mod workflow;
