(require 'use-package)
(use-package message
  :ensure nil
  :hook (message-mode . auto-fill-mode)
  :custom
  (message-send-mail-function #'smtpmail-send-it)
  (message-kill-buffer-on-exit t))
(use-package smtpmail
  :ensure nil
  :commands (smtpmail-send-it)
  :custom
  (smtpmail-smtp-server "smtp.example.org")
  (smtpmail-smtp-service 587)
  (send-mail-function 'smtpmail-send-it))
(setq user-mail-address "walter@example.org")
