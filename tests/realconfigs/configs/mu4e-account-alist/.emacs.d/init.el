;;; init.el -*- lexical-binding: t -*-

(require 'package)
(add-to-list 'package-archives '("melpa" . "https://melpa.org/packages/") t)
(package-initialize)

(add-to-list 'load-path (expand-file-name "lisp" user-emacs-directory))

(setq make-backup-files nil
      auto-save-default nil
      create-lockfiles nil)
(menu-bar-mode -1)
(blink-cursor-mode 0)
(global-auto-revert-mode t)
(delete-selection-mode 1)

(require 'setup-mail)
(require 'setup-keys nil t)

(add-hook 'prog-mode-hook 'display-line-numbers-mode)
(add-hook 'text-mode-hook '(lambda () (visual-line-mode 1)))
