;; :custom runs before use-package loads the library, so the default server still counts.
;; emacs: smtpmail-smtp-server "smtp.example.org"
(require 'use-package)
(use-package smtpmail
  :ensure nil
  :custom
  (smtpmail-default-smtp-server "smtp.example.org")
  (smtpmail-smtp-service 587))
(setq send-mail-function 'smtpmail-send-it
      user-mail-address "alice@example.org")
