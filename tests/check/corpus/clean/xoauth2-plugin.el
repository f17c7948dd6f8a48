(require 'use-package)
(use-package auth-source-xoauth2
  :ensure t
  :config
  (auth-source-xoauth2-enable))
(with-eval-after-load 'smtpmail
  (add-to-list 'smtpmail-auth-supported 'xoauth2))
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.office365.com"
      smtpmail-smtp-service 587
      smtpmail-stream-type 'starttls
      user-mail-address "zoe@example.org")
