import { ruleTable } from '../../testing/rule-table.js';
import { gkeSecretsEncryptionMissing } from './gke-secrets-encryption-missing.js';

ruleTable(gkeSecretsEncryptionMissing, {
  valid: [
    {
      name: 'database encryption with a KMS key',
      yaml: `
        resource "google_container_cluster" "main" {
          name = "main"
          database_encryption {
            state    = "ENCRYPTED"
            key_name = google_kms_crypto_key.etcd.id
          }
        }
      `,
    },
    {
      name: 'state from an unknown variable',
      yaml: `
        resource "google_container_cluster" "main" {
          name = "main"
          database_encryption {
            state    = var.encryption_state
            key_name = var.key
          }
        }
      `,
    },
    {
      name: 'dynamic database_encryption block',
      yaml: `
        resource "google_container_cluster" "main" {
          name = "main"
          dynamic "database_encryption" {
            for_each = var.kms_key == null ? [] : [var.kms_key]
            content {
              state    = "ENCRYPTED"
              key_name = database_encryption.value
            }
          }
        }
      `,
    },
    {
      name: 'node pools are not clusters',
      yaml: `
        resource "google_container_node_pool" "pool" {
          cluster = "main"
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'no database_encryption',
      yaml: `
        # cluster
        resource "google_container_cluster" "main" {
          name     = "main"
          location = "europe-west1"
        }
      `,
      lines: [2],
      message: 'google_container_cluster.main has no database_encryption',
    },
    {
      name: 'state DECRYPTED',
      yaml: `
        resource "google_container_cluster" "main" {
          name = "main"
          database_encryption {
            state = "DECRYPTED"
          }
        }
      `,
      lines: [1],
      message: '"DECRYPTED"',
    },
    {
      name: 'state from a variable default in another file',
      yaml: `
        resource "google_container_cluster" "main" {
          name = "main"
          database_encryption {
            state = var.etcd_encryption
          }
        }
      `,
      files: { 'variables.tf': 'variable "etcd_encryption" {\n  default = "DECRYPTED"\n}\n' },
      lines: [1],
    },
    {
      name: 'tf.json',
      path: 'main.tf.json',
      yaml: `
        {
          "resource": {
            "google_container_cluster": {
              "main": {"name": "main"}
            }
          }
        }
      `,
      lines: [4],
    },
  ],
});
