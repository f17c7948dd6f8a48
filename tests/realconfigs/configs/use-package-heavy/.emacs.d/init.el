;;; init.el --- Emacs configuration -*- lexical-binding: t; -*-

;;; Commentary:
;; use-package all the way down.

;;; Code:

(setq gc-cons-threshold (* 50 1000 1000))

(require 'package)
(add-to-list 'package-archives '("melpa" . "https://melpa.org/packages/") t)
(package-initialize)

(unless (package-installed-p 'use-package)
  (package-refresh-contents)
  (package-install 'use-package))

(eval-when-compile
  (require 'use-package))
(setq use-package-always-ensure t
      use-package-expand-minimally t)

(use-package emacs
  :ensure nil
  :init
  (setq user-full-name "Tomás Oliveira"
        user-mail-address "tomas@oliveira.dev")
  :custom
  (inhibit-startup-screen t)
  (use-short-answers t)
  (indent-tabs-mode nil)
  :config
  (column-number-mode 1)
  (savehist-mode 1))

(use-package diminish)

(use-package exec-path-from-shell
  :if (memq window-system '(mac ns x))
  :config
  (exec-path-from-shell-initialize))

(use-package doom-themes
  :config
  (load-theme 'doom-one t)
  (doom-themes-org-config))

(use-package vertico
  :init (vertico-mode))

(use-package orderless
  :custom
  (completion-styles '(orderless basic))
  (completion-category-overrides '((file (styles basic partial-completion)))))

(use-package marginalia
  :bind (:map minibuffer-local-map
              ("M-A" . marginalia-cycle))
  :init
  (marginalia-mode))

(use-package consult
  :bind (("C-s" . consult-line)
         ("C-x b" . consult-buffer)
         ("M-y" . consult-yank-pop)
         ("M-g g" . consult-goto-line))
  :custom
  (consult-narrow-key "<"))

(use-package which-key
  :diminish
  :defer 1
  :config (which-key-mode))

(use-package magit
  :bind ("C-x g" . magit-status)
  :custom
  (magit-display-buffer-function #'magit-display-buffer-same-window-except-diff-v1))

(use-package company
  :diminish
  :hook (prog-mode . company-mode)
  :custom
  (company-idle-delay 0.1)
  (company-minimum-prefix-length 1))

(use-package flycheck
  :hook (prog-mode . flycheck-mode)
  :config
  (setq-default flycheck-disabled-checkers '(emacs-lisp-checkdoc)))

(use-package lsp-mode
  :commands (lsp lsp-deferred)
  :hook ((python-mode . lsp-deferred)
         (rust-mode . lsp-deferred))
  :init
  (setq lsp-keymap-prefix "C-c l")
  :custom
  (lsp-headerline-breadcrumb-enable nil))

(use-package rust-mode :defer t)
(use-package yaml-mode :mode "\\.ya?ml\\'")

;;; Mail

(use-package auth-source
  :ensure nil
  :custom
  (auth-sources '("~/.authinfo.gpg" "~/.authinfo")))

(use-package smtpmail
  :ensure nil
  :custom
  (send-mail-function #'smtpmail-send-it)
  (smtpmail-smtp-server "smtp.migadu.com")
  (smtpmail-smtp-service 465)
  (smtpmail-stream-type 'ssl)
  (smtpmail-smtp-user "tomas@oliveira.dev")
  (smtpmail-queue-dir "~/Mail/queue/cur"))

(use-package message
  :ensure nil
  :defer t
  :hook (message-mode . auto-fill-mode)
  :custom
  (message-send-mail-function #'smtpmail-send-it)
  (message-kill-buffer-on-exit t)
  :config
  (setq message-signature "Tomás"))

(use-package org
  :ensure nil
  :defer t
  :custom
  (org-directory "~/org")
  (org-hide-emphasis-markers t))

(use-package evil
  :init
  (setq evil-want-integration t
        evil-want-keybinding nil)
  :config
  (evil-mode 1)
  (evil-set-initial-state 'message-mode 'insert))

(setq gc-cons-threshold (* 2 1000 1000))
;;; init.el ends here
