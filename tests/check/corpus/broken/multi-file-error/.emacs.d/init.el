;; expect: .emacs.d/lisp/mail-setup.el:2:1 error init-stops
;; expect: .emacs.d/lisp/mail-setup.el:1:7 error no-server
;; status: 78
;; emacs: smtpmail-smtp-server nil
;; emacs: send-mail-function smtpmail-send-it
;; emacs: smtpmail-smtp-user nil
(setq user-mail-address "alice@example.org")
(add-to-list 'load-path "~/.emacs.d/lisp")
(load "mail-setup")
(setq smtpmail-smtp-user "alice")
