;; expect: 7:4 error stream-type-invalid
;; status: 78
(require 'use-package)
(use-package smtpmail
  :ensure nil
  :custom
  (smtpmail-stream-type "starttls")
  (smtpmail-smtp-server "smtp.example.org")
  (smtpmail-smtp-service 587))
(setq send-mail-function 'smtpmail-send-it user-mail-address "alice@example.org")
