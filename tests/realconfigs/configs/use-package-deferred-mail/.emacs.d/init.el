;;; init.el --- -*- lexical-binding: t -*-

(require 'package)
(add-to-list 'package-archives '("melpa" . "https://melpa.org/packages/") t)
(package-initialize)
(require 'use-package)
(require 'bind-key)

(use-package mu4e
  :defer 20
  :commands (mu4e mu4e-compose-new)
  :bind (("C-c e" . mu4e))
  :custom
  (mu4e-maildir "~/.local/share/mail")
  (mu4e-get-mail-command "mbsync -c ~/.config/mbsync/mbsyncrc -a")
  (mu4e-change-filenames-when-moving t)
  (mu4e-compose-dont-reply-to-self t)
  (mail-user-agent 'mu4e-user-agent)
  :config
  (setq mu4e-contexts nil))

(use-package smtpmail
  :after message
  :custom
  (smtpmail-smtp-server "smtp.purelymail.com")
  (smtpmail-smtp-service 465)
  (smtpmail-stream-type 'ssl))

(use-package message
  :defer t
  :init
  (setq user-mail-address "ava@nguyen.dev"
        user-full-name "Ava Nguyen")
  :custom
  (message-send-mail-function 'smtpmail-send-it)
  (send-mail-function 'smtpmail-send-it))

(use-package auth-source-pass
  :ensure nil
  :init (auth-source-pass-enable))

(use-package org-mime
  :ensure t
  :after (message org)
  :config
  (setq org-mime-export-options '(:section-numbers nil :with-author nil :with-toc nil)))
