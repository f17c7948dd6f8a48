;; -*- mode: emacs-lisp; lexical-binding: t -*-
;; This file is loaded by Spacemacs at startup.
;; It must be stored in your home directory.

(defun dotspacemacs/layers ()
  "Layer configuration:
This function should only modify configuration layer settings."
  (setq-default
   dotspacemacs-distribution 'spacemacs
   dotspacemacs-enable-lazy-installation 'unused
   dotspacemacs-ask-for-lazy-installation t
   dotspacemacs-configuration-layer-path '()
   dotspacemacs-configuration-layers
   '(
     auto-completion
     better-defaults
     emacs-lisp
     git
     helm
     lsp
     markdown
     multiple-cursors
     (org :variables org-enable-roam-support t)
     (shell :variables
            shell-default-height 30
            shell-default-position 'bottom)
     spell-checking
     syntax-checking
     version-control
     treemacs
     (mu4e :variables
           mu4e-installation-path "/usr/share/emacs/site-lisp/elpa/mu4e-1.8.14"
           mu4e-enable-notifications t
           mu4e-enable-mode-line t
           mu4e-org-compose-support t)
     )
   dotspacemacs-additional-packages '(mu4e-alert)
   dotspacemacs-frozen-packages '()
   dotspacemacs-excluded-packages '()
   dotspacemacs-install-packages 'used-only))

(defun dotspacemacs/init ()
  "Initialization:
This function is called at the very beginning of Spacemacs startup,
before layer configuration."
  (setq-default
   dotspacemacs-enable-emacs-pdumper nil
   dotspacemacs-elpa-https t
   dotspacemacs-elpa-timeout 5
   dotspacemacs-check-for-update nil
   dotspacemacs-editing-style 'vim
   dotspacemacs-startup-banner 'official
   dotspacemacs-startup-lists '((recents . 5) (projects . 7))
   dotspacemacs-themes '(spacemacs-dark spacemacs-light)
   dotspacemacs-default-font '("Source Code Pro" :size 10.0 :weight normal :width normal)
   dotspacemacs-leader-key "SPC"
   dotspacemacs-emacs-leader-key "M-m"
   dotspacemacs-line-numbers 'relative
   dotspacemacs-whitespace-cleanup 'trailing))

(defun dotspacemacs/user-env ()
  "Environment variables setup."
  (spacemacs/load-spacemacs-env))

(defun dotspacemacs/user-init ()
  "Initialization for user code:
This function is called immediately after `dotspacemacs/init', before layer
configuration executes."
  (setq user-full-name "Priya Raman"))

(defun dotspacemacs/user-load ()
  "Library to load while dumping.")

(defun dotspacemacs/user-config ()
  "Configuration for user code:
This function is called at the very end of Spacemacs startup, after layer
configuration."
  (setq user-mail-address "priya@raman.in"
        mu4e-maildir "~/Maildir"
        mu4e-trash-folder "/Trash"
        mu4e-refile-folder "/Archive"
        mu4e-get-mail-command "offlineimap"
        mu4e-update-interval nil
        mu4e-compose-signature-auto-include nil
        mu4e-view-show-images t
        mu4e-view-show-addresses t)
  (setq message-send-mail-function 'smtpmail-send-it
        smtpmail-default-smtp-server "smtp.raman.in"
        smtpmail-smtp-server "smtp.raman.in"
        smtpmail-smtp-service 587
        smtpmail-stream-type 'starttls)
  (with-eval-after-load 'mu4e-alert
    (mu4e-alert-set-default-style 'libnotify))
  (add-hook 'after-init-hook #'mu4e-alert-enable-notifications))

;; Do not write anything past this comment. This is where Emacs will
;; auto-generate custom variable definitions.
(defun dotspacemacs/emacs-custom-settings ()
  "Emacs custom settings.
This is an auto-generated function, do not modify its content directly, use
Emacs customize menu instead.
This function is called at startup, don't call it directly."
  (custom-set-variables
   '(package-selected-packages
     '(mu4e-alert helm-mu ws-butler writeroom-mode winum which-key))
   '(send-mail-function 'smtpmail-send-it))
  (custom-set-faces))
