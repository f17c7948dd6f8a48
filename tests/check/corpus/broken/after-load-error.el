;; The after-load body runs at the first send, and fails there.
;; expect: 7:30 error send-time-error
;; status: 78
(setq send-mail-function 'smtpmail-send-it
      user-mail-address "alice@example.org")
(with-eval-after-load 'smtpmail
  (setq smtpmail-smtp-server (car smtpmail-smtp-service)))
