;; expect: 4:7 error no-server
;; status: 78
;; emacs: smtpmail-smtp-server nil
(setq send-mail-function 'smtpmail-send-it
      user-mail-address "alice@example.org")
