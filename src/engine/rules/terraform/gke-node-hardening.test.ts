import { ruleTable } from '../../testing/rule-table.js';
import { gkeNodeHardening } from './gke-node-hardening.js';

ruleTable(gkeNodeHardening, {
  valid: [
    {
      name: "GKE's defaults: nothing set",
      yaml: `
        resource "google_container_cluster" "main" {
          name     = "main"
          location = "europe-west1"
        }

        resource "google_container_node_pool" "pool" {
          cluster = google_container_cluster.main.name
          node_config {
            machine_type = "e2-standard-4"
          }
        }
      `,
    },
    {
      name: 'hardened settings written out, older node_metadata GKE_METADATA_SERVER',
      yaml: `
        resource "google_container_cluster" "main" {
          name                  = "main"
          enable_shielded_nodes = true
          node_config {
            image_type = "COS_CONTAINERD"
            shielded_instance_config {
              enable_secure_boot = true
            }
            workload_metadata_config {
              node_metadata = "GKE_METADATA_SERVER"
            }
          }
          node_pool {
            name = "system"
            node_config {
              image_type = "cos"
              workload_metadata_config {
                mode = "GKE_METADATA"
              }
            }
          }
        }
      `,
    },
    {
      name: 'unknown values: a variable without default, a dynamic block',
      yaml: `
        variable "image" {}

        resource "google_container_node_pool" "pool" {
          cluster = "main"
          node_config {
            image_type = var.image
            dynamic "workload_metadata_config" {
              for_each = var.metadata
              content {
                mode = workload_metadata_config.value
              }
            }
          }
        }
      `,
    },
    {
      name: 'a data source is not configuration',
      yaml: `
        data "google_container_cluster" "existing" {
          name                  = "main"
          enable_shielded_nodes = false
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'cluster turns off shielded nodes and secure boot',
      yaml: `
        resource "google_container_cluster" "main" {
          name                  = "main"
          enable_shielded_nodes = false
          node_config {
            shielded_instance_config {
              enable_secure_boot = false
            }
          }
        }
      `,
      lines: [3, 6],
      message: 'google_container_cluster.main',
    },
    {
      name: 'node pool with Ubuntu image and exposed metadata',
      yaml: `
        resource "google_container_node_pool" "pool" {
          cluster = google_container_cluster.main.name

          node_config {
            image_type = "UBUNTU_CONTAINERD"
            workload_metadata_config {
              mode = "GCE_METADATA"
            }
          }
        }
      `,
      lines: [5, 7],
    },
    {
      name: 'older provider syntax: node_metadata in an inline node pool',
      yaml: `
        resource "google_container_cluster" "main" {
          name = "main"
          node_pool {
            name = "legacy"
            node_config {
              workload_metadata_config {
                node_metadata = "EXPOSE"
              }
            }
          }
          node_pool {
            name = "other"
            node_config {
              workload_metadata_config {
                node_metadata = "UNSPECIFIED"
              }
            }
          }
        }
      `,
      lines: [7, 15],
      message: 'node_pool "',
    },
    {
      name: 'image type from a variable default in another file',
      yaml: `
        resource "google_container_node_pool" "pool" {
          cluster = "main"
          node_config {
            image_type = var.node_image
          }
        }
      `,
      files: { 'variables.tf': 'variable "node_image" {\n  default = "WINDOWS_LTSC_CONTAINERD"\n}\n' },
      lines: [4],
      message: '"WINDOWS_LTSC_CONTAINERD"',
    },
    {
      name: 'tf.json',
      path: 'main.tf.json',
      yaml: `
        {
          "resource": {
            "google_container_node_pool": {
              "pool": {
                "cluster": "main",
                "node_config": {
                  "image_type": "UBUNTU"
                }
              }
            }
          }
        }
      `,
      lines: [7],
    },
  ],
});
