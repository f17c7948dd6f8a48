;; expect: 5:1 error init-stops
;; emacs: send-mail-function sendmail-query-once
;; emacs: smtpmail-smtp-server nil
(setq user-mail-address "alice@example.org")
(add-to-list 'smtpmail-auth-supported 'xoauth2)
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org")
