resource "google_service_account" "gke_nodes" {
  account_id   = "gke-analytics-nodes"
  display_name = "GKE analytics nodes"
}

resource "google_kms_key_ring" "gke" {
  name     = "gke-analytics"
  location = var.gcp_region
}

resource "google_kms_crypto_key" "gke_secrets" {
  name            = "secrets"
  key_ring        = google_kms_key_ring.gke.id
  rotation_period = "7776000s"
}

resource "google_container_cluster" "analytics" {
  name     = "analytics"
  location = var.gcp_region

  remove_default_node_pool = true
  initial_node_count       = 1

  network    = "projects/${var.gcp_project}/global/networks/analytics"
  subnetwork = "projects/${var.gcp_project}/regions/${var.gcp_region}/subnetworks/gke"

  enable_legacy_abac    = false
  enable_shielded_nodes = true

  # Dataplane V2 enforces NetworkPolicies.
  datapath_provider = "ADVANCED_DATAPATH"

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = false
    master_ipv4_cidr_block  = "172.16.0.16/28"
  }

  master_authorized_networks_config {
    cidr_blocks {
      cidr_block   = "10.30.0.0/16"
      display_name = "analytics VPC"
    }

    cidr_blocks {
      cidr_block   = "203.0.113.0/24"
      display_name = "office VPN"
    }
  }

  database_encryption {
    state    = "ENCRYPTED"
    key_name = google_kms_crypto_key.gke_secrets.id
  }

  logging_config {
    enable_components = ["SYSTEM_COMPONENTS", "APISERVER", "CONTROLLER_MANAGER", "SCHEDULER", "WORKLOADS"]
  }

  workload_identity_config {
    workload_pool = "${var.gcp_project}.svc.id.goog"
  }

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
    image_type      = "COS_CONTAINERD"
    service_account = google_service_account.gke_nodes.email
    oauth_scopes    = ["https://www.googleapis.com/auth/cloud-platform"]

    # Workload Identity: pods get their own identity, never the node's.
    workload_metadata_config {
      mode = "GKE_METADATA"
    }

    shielded_instance_config {
      enable_secure_boot          = true
      enable_integrity_monitoring = true
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

# The nodes' service account reads the images; nobody else.
resource "google_artifact_registry_repository_iam_member" "nodes_read" {
  project    = google_artifact_registry_repository.analytics.project
  location   = google_artifact_registry_repository.analytics.location
  repository = google_artifact_registry_repository.analytics.name
  role       = "roles/artifactregistry.reader"
  member     = "serviceAccount:${google_service_account.gke_nodes.email}"
}
