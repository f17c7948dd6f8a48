;;; init.el --- with-eval-after-load style, and a classic mistake

(setq user-full-name "Dave Example"
      user-mail-address "dave@example.net"
      send-mail-function 'smtpmail-send-it)

(with-eval-after-load 'smtpmail
  (setq smtpmail-smtp-server "127.0.0.1"
        smtpmail-smtp-service 2525
        smtpmail-stream-type 'plain)
  ;; Meant to make LOGIN the preferred mechanism, but add-to-list leaves a
  ;; list that already contains `login' unchanged: CRAM-MD5 stays first.
  (add-to-list 'smtpmail-auth-supported 'login))

;; Too late for the default server: it only feeds smtpmail-smtp-server's
;; default while smtpmail loads, and nothing has loaded smtpmail yet; the
;; after-load body above then sets the server anyway.
(setq smtpmail-default-smtp-server "unused.example.net")
