;; -*- mode: emacs-lisp; lexical-binding: t -*-
;; This file is loaded by Spacemacs at startup.

(defun dotspacemacs/layers ()
  "Layer configuration."
  (setq-default
   dotspacemacs-distribution 'spacemacs
   dotspacemacs-configuration-layer-path '("~/.emacs.d/private/local/")
   dotspacemacs-configuration-layers
   '(helm
     emacs-lisp
     git
     (mu4e :variables
           mu4e-installation-path "/usr/share/emacs/site-lisp/elpa/mu4e-1.8.14"
           mu4e-enable-async-operations t
           mu4e-use-maildirs-extension t)
     (org :variables org-enable-github-support t))
   dotspacemacs-additional-packages '(org-msg)
   dotspacemacs-excluded-packages '()))

(defun dotspacemacs/init ()
  "Initialization."
  (setq-default
   dotspacemacs-elpa-https t
   dotspacemacs-editing-style 'vim
   dotspacemacs-leader-key "SPC"))

(defun dotspacemacs/user-env ()
  "Environment variables setup."
  (spacemacs/load-spacemacs-env))

(defun dotspacemacs/user-init ()
  "Initialization for user code."
  (setq custom-file "~/.emacs.d/private/custom.el"))

(defun dotspacemacs/user-config ()
  "Configuration for user code."
  (setq user-full-name "Gabriela Mafra")
  (load-file "~/.emacs.d/private/local/tokens.el")
  (add-to-list 'load-path "~/.emacs.d/private")

  (setq mu4e-maildir "~/Maildir"
        mu4e-get-mail-command "mbsync -a"
        mu4e-update-interval 300)
  (setq user-mail-address my/mail-address
        smtpmail-smtp-user my/mail-address
        send-mail-function 'smtpmail-send-it
        message-send-mail-function 'smtpmail-send-it
        smtpmail-smtp-server "smtp.gmail.com"
        smtpmail-smtp-service 587
        smtpmail-stream-type 'starttls)
  (with-eval-after-load 'mu4e
    (setq mu4e-contexts
          (list (make-mu4e-context
                 :name "gmail"
                 :vars `((user-mail-address . ,my/mail-address)
                         (mu4e-sent-folder . "/gmail/[Gmail]/Sent Mail"))))))
  (global-auto-revert-mode t))

(defun dotspacemacs/emacs-custom-settings ()
  "Emacs custom settings."
  (custom-set-variables
   '(package-selected-packages '(org-msg mu4e-maildirs-extension))))
