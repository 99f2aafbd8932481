resource "azurerm_resource_group" "shop" {
  name     = "rg-${local.name}"
  location = var.azure_location
  tags     = local.tags
}

# Kubernetes RBAC off, local accounts on, API server open, no network policy, disks not encrypted with
# a customer key, and no diagnostic setting that keeps the audit log (see below).
resource "azurerm_kubernetes_cluster" "shop" {
  name                = "aks-${local.name}"
  location            = azurerm_resource_group.shop.location
  resource_group_name = azurerm_resource_group.shop.name
  dns_prefix          = local.name
  kubernetes_version  = "1.30"

  role_based_access_control_enabled = false

  default_node_pool {
    name       = "system"
    vm_size    = "Standard_D4s_v5"
    node_count = 3
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin    = "kubenet"
    load_balancer_sku = "standard"
  }

  tags = local.tags
}

resource "azurerm_log_analytics_workspace" "shop" {
  name                = "log-${local.name}"
  location            = azurerm_resource_group.shop.location
  resource_group_name = azurerm_resource_group.shop.name
  sku                 = "PerGB2018"
  retention_in_days   = 30
}

# Diagnostics for troubleshooting only: neither kube-audit nor kube-audit-admin is sent.
resource "azurerm_monitor_diagnostic_setting" "aks" {
  name                       = "aks-diagnostics"
  target_resource_id         = azurerm_kubernetes_cluster.shop.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.shop.id

  enabled_log {
    category = "kube-apiserver"
  }

  enabled_log {
    category = "cluster-autoscaler"
  }

  metric {
    category = "AllMetrics"
  }
}

resource "azurerm_container_registry" "shop" {
  name                = "acmeshop${var.environment}"
  resource_group_name = azurerm_resource_group.shop.name
  location            = azurerm_resource_group.shop.location
  sku                 = "Standard"

  admin_enabled          = true
  anonymous_pull_enabled = true
}
