;;; init.el --- -*- lexical-binding: t; -*-
(add-to-list 'load-path "/usr/share/emacs/site-lisp/mu4e")

(require 'package)
(package-initialize)
(require 'use-package)

(use-package mu4e
  :ensure nil
  :commands (mu4e)
  :config
  (setq mu4e-maildir "~/Mail"
        mu4e-get-mail-command "mbsync -a"
        mu4e-update-interval nil
        mu4e-compose-signature-auto-include nil
        mu4e-attachment-dir "~/Downloads"
        mu4e-change-filenames-when-moving t
        message-kill-buffer-on-exit t
        mu4e-confirm-quit nil
        mu4e-headers-date-format "%Y-%m-%d"))

(use-package mu4e
  :ensure nil
  :defer 20
  :config
  (setq mu4e-sent-folder "/sent"
        mu4e-drafts-folder "/drafts"
        mu4e-trash-folder "/trash"))

(setq user-full-name "Ines Moreau"
      user-mail-address "ines@moreau.fr"
      send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.moreau.fr"
      smtpmail-smtp-service 587)
(require 'smtpmail)
