;; expect: 7:17 warning xoauth2-without-token
;; emacs: smtpmail-auth-supported (xoauth2 cram-md5 plain login)
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.office365.com" smtpmail-smtp-service 587
      user-mail-address "alice@example.org")
(with-eval-after-load 'smtpmail
  (add-to-list 'smtpmail-auth-supported 'xoauth2))
