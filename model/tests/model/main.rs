//! The model's integration tests, one program: the published curve and hand-checked cases,
//! properties over the whole allowed input space, links, files and stored scenarios against
//! hostile input. Shared scenarios and checks are in `fixtures`.

mod components;
mod components_calibration;
mod components_properties;
mod convergence;
mod export_csv;
mod export_json;
mod fixtures;
mod forecast;
mod insight;
mod link;
mod link_fuzz;
mod params;
mod presets;
mod props;
mod saved_fuzz;
mod saved_migration;
mod saved_state;
mod version_1;
