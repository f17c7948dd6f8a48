;; expect: 8:9 warning auth-mechanisms-dropped
;; expect: 8:9 warning xoauth2-without-token
;; emacs: smtpmail-auth-supported (xoauth2)
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      user-mail-address "alice@example.org")
(with-eval-after-load 'smtpmail
  (setq smtpmail-auth-supported '(xoauth2)))
