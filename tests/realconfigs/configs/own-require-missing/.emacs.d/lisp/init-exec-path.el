;;; init-exec-path.el -*- lexical-binding: t -*-
(require-package 'exec-path-from-shell)
(when (or (memq window-system '(mac ns x pgtk)) (daemonp))
  (exec-path-from-shell-initialize))
(provide 'init-exec-path)
