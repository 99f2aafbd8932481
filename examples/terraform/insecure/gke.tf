resource "google_service_account" "gke_nodes" {
  account_id   = "gke-analytics-nodes"
  display_name = "GKE analytics nodes"
}

# No master_authorized_networks_config, no network policy, no database_encryption, legacy ABAC on,
# logging off, shielded nodes off.
resource "google_container_cluster" "analytics" {
  name     = "analytics"
  location = var.gcp_region

  remove_default_node_pool = true
  initial_node_count       = 1

  network    = "projects/${var.gcp_project}/global/networks/analytics"
  subnetwork = "projects/${var.gcp_project}/regions/${var.gcp_region}/subnetworks/gke"

  enable_legacy_abac    = true
  enable_shielded_nodes = false
  logging_service       = "none"

  ip_allocation_policy {
    cluster_secondary_range_name  = "pods"
    services_secondary_range_name = "services"
  }

  release_channel {
    channel = "REGULAR"
  }
}

resource "google_container_node_pool" "general" {
  name       = "general"
  cluster    = google_container_cluster.analytics.id
  node_count = 3

  node_config {
    machine_type    = "e2-standard-4"
    image_type      = "UBUNTU_CONTAINERD"
    service_account = google_service_account.gke_nodes.email
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]

    # Pods can read the node's service-account token from the metadata server.
    workload_metadata_config {
      mode = "GCE_METADATA"
    }

    shielded_instance_config {
      enable_secure_boot = false
    }
  }

  management {
    auto_repair  = true
    auto_upgrade = true
  }
}

resource "google_artifact_registry_repository" "analytics" {
  location      = var.gcp_region
  repository_id = "analytics"
  format        = "DOCKER"
}

# "So the demo cluster can pull without credentials": the images are public to the whole internet.
resource "google_artifact_registry_repository_iam_member" "public_read" {
  project    = google_artifact_registry_repository.analytics.project
  location   = google_artifact_registry_repository.analytics.location
  repository = google_artifact_registry_repository.analytics.name
  role       = "roles/artifactregistry.reader"
  member     = "allUsers"
}
