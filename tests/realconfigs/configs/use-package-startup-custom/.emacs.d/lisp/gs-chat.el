;;; -*- lexical-binding: t -*-

(use-package message
  :custom
  (message-kill-buffer-on-exit t)
  (message-mail-user-agent t)
  (message-send-mail-function #'smtpmail-send-it)
  (smtpmail-smtp-service 465)
  (smtpmail-stream-type 'ssl)
  (smtpmail-smtp-server "disroot.org"))

(use-package startup
  :custom
  (user-mail-address "gabriel.souza@disroot.org")
  :defer t)

(use-package sendmail
  :ensure nil
  :custom
  (send-mail-function #'smtpmail-send-it)
  (mail-specify-envelope-from t))

(use-package auth-source
  :ensure nil
  :custom
  (auth-sources '("~/.authinfo.gpg")))

(provide 'gs-chat)
