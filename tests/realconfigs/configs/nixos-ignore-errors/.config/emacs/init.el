;;; init.el --- managed by home-manager, edited by hand anyway  -*- lexical-binding: t; -*-

(setq gc-cons-threshold (* 64 1024 1024))
(add-hook 'emacs-startup-hook (lambda () (setq gc-cons-threshold (* 2 1024 1024))))

;; Nix puts every package on the load-path already; nothing to install.
(setq package-enable-at-startup nil
      use-package-always-ensure nil)
(load (locate-user-emacs-file "nix-paths.el") t)

(eval-when-compile (require 'use-package))
(require 'bind-key)

(use-package emacs
  :init
  (setq read-process-output-max (* 1024 1024)
        sentence-end-double-space nil)
  :config
  (recentf-mode 1)
  (savehist-mode 1))

(use-package magit
  :bind ("C-x g" . magit-status))

;;; Mail

;; Assumes we're running on NixOS with mu installed system-wide
(ignore-errors
  (add-to-list 'load-path "/run/current-system/sw/share/emacs/site-lisp/mu4e")
  (require 'mu4e))

(setq mu4e-maildir "~/Mail")

;; mbsync fetches mail from a systemd timer; mu4e only re-indexes.
(setq mu4e-get-mail-command "true")
(setq mu4e-update-interval nil)
(setq mu4e-change-filenames-when-moving t)

;; Convenience
(setq message-kill-buffer-on-exit t)
(setq mu4e-confirm-quit nil)
(setq mu4e-view-show-addresses t)

;; Make M move to spam
(defun my/mu4e-move-to-spam (msg)
  (mu4e-action-retag-message msg "+spam"))
(ignore-errors
  (add-to-list 'mu4e-headers-actions '("Mark as spam" . my/mu4e-move-to-spam) t))

(setq user-full-name "Tomasz Wierzbicki"
      user-mail-address "tomek@wierzbicki.dev"
      mu4e-sent-folder "/fastmail/Sent"
      mu4e-drafts-folder "/fastmail/Drafts"
      mu4e-trash-folder "/fastmail/Trash"
      mu4e-refile-folder "/fastmail/Archive")

(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.fastmail.com"
      smtpmail-smtp-service 465
      smtpmail-stream-type 'ssl
      smtpmail-smtp-user "tomek@wierzbicki.dev")

(with-eval-after-load 'mu4e
  (setq mu4e-bookmarks
        '((:name "Unread" :query "flag:unread AND NOT flag:trashed" :key ?u)
          (:name "Today" :query "date:today..now" :key ?t))))
