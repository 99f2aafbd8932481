import { ruleTable } from '../../testing/rule-table.js';
import { gkeMasterAuthorizedNetworks } from './gke-master-authorized-networks.js';

ruleTable(gkeMasterAuthorizedNetworks, {
  valid: [
    {
      name: 'authorized office range',
      yaml: `
        resource "google_container_cluster" "main" {
          name = "main"
          master_authorized_networks_config {
            cidr_blocks {
              cidr_block   = "203.0.113.0/24"
              display_name = "office"
            }
          }
        }
      `,
    },
    {
      name: 'config without CIDRs (no external access)',
      yaml: `
        resource "google_container_cluster" "main" {
          name = "main"
          master_authorized_networks_config {}
        }
      `,
    },
    {
      name: 'unknown CIDR and dynamic blocks',
      yaml: `
        resource "google_container_cluster" "main" {
          name = "main"
          master_authorized_networks_config {
            cidr_blocks {
              cidr_block = var.admin_cidr
            }
            dynamic "cidr_blocks" {
              for_each = var.extra
              content {
                cidr_block = cidr_blocks.value
              }
            }
          }
        }

        resource "google_container_cluster" "other" {
          name = "other"
          dynamic "master_authorized_networks_config" {
            for_each = var.networks
            content {}
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'no master_authorized_networks_config',
      yaml: `
        resource "google_container_cluster" "main" {
          name = "main"
        }
      `,
      lines: [1],
      message: 'google_container_cluster.main has no master_authorized_networks_config',
    },
    {
      name: 'open CIDR among others',
      yaml: `
        resource "google_container_cluster" "main" {
          name = "main"
          master_authorized_networks_config {
            cidr_blocks {
              cidr_block = "10.0.0.0/8"
            }
            cidr_blocks {
              cidr_block   = "0.0.0.0/0"
              display_name = "everyone"
            }
          }
        }
      `,
      lines: [8],
      message: '"0.0.0.0/0"',
    },
    {
      name: 'open CIDR from a variable default in another file',
      yaml: `
        resource "google_container_cluster" "main" {
          name = "main"
          master_authorized_networks_config {
            cidr_blocks {
              cidr_block = var.admin_cidr
            }
          }
        }
      `,
      files: { 'variables.tf': 'variable "admin_cidr" {\n  default = "0.0.0.0/0"\n}\n' },
      lines: [5],
    },
    {
      name: 'tf.json',
      path: 'main.tf.json',
      yaml: `
        {
          "resource": {
            "google_container_cluster": {
              "main": {
                "name": "main",
                "master_authorized_networks_config": {
                  "cidr_blocks": [{"cidr_block": "0.0.0.0/0"}]
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
