;;; init.el --- use-package everywhere  -*- lexical-binding: t; -*-

(require 'package)
(setq package-archives '(("gnu" . "https://elpa.gnu.org/packages/")
                         ("nongnu" . "https://elpa.nongnu.org/nongnu/")
                         ("melpa" . "https://melpa.org/packages/")))
(package-initialize)
(eval-when-compile (require 'use-package))
(require 'bind-key)

(use-package use-package-ensure-system-package :ensure t)
(use-package general :ensure t
  :config (general-create-definer my/leader :prefix "C-c"))

(use-package emacs
  :custom
  (user-full-name "Keanu Kahananui")
  (user-mail-address "keanu@kahananui.org")
  (inhibit-startup-screen t)
  (ring-bell-function #'ignore))

(use-package auth-source
  :ensure nil
  :custom
  (auth-sources '("~/.authinfo.gpg" "~/.authinfo")))

;; msmtp must be installed for this to work: let use-package install it.
(use-package sendmail
  :ensure nil
  :ensure-system-package msmtp
  :custom
  (sendmail-program "/usr/bin/msmtp")
  (send-mail-function #'sendmail-send-it)
  (mail-specify-envelope-from t)
  (mail-envelope-from 'header))

(use-package message
  :ensure nil
  :hook (message-mode . turn-on-auto-fill)
  :bind (:map message-mode-map ("C-c C-a" . mml-attach-file))
  :custom
  (message-send-mail-function #'message-send-mail-with-sendmail)
  (message-sendmail-envelope-from 'header)
  (message-kill-buffer-on-exit t))

(use-package notmuch
  :ensure t
  :general
  (my/leader "m" 'notmuch)
  :custom
  (notmuch-fcc-dirs "sent +sent -inbox -unread")
  (notmuch-search-oldest-first nil))

(use-package smtpmail
  :ensure nil
  :delight
  :custom
  (smtpmail-smtp-server "smtp.purelymail.com")
  (smtpmail-smtp-service 465)
  (smtpmail-stream-type 'ssl))

(use-package magit
  :ensure t
  :bind ("C-x g" . magit-status))
