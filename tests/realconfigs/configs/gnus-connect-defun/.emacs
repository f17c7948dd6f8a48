;; -*- emacs-lisp -*-
(require 'cl)

(setq user-full-name "Piotr Diasp")
(defvar user-mail-addresses '("diasp@o2.pl" "piotr.diasp@uni.example.pl"
                              "pd@example.org")
  "All my addresses, the first is the default.")
(setq user-mail-address (first user-mail-addresses))

;; news
(setq gnus-select-method '(nntp "news.gmane.io"))

;; e-mail
(defun gnus-connect ()
  "Connect to GNUS using the specified IMAP and SMTP settings."
  (interactive)
  ;; Primary method: IMAP
  (setq gnus-select-method
        '(nnimap "poczta.o2.pl"
                 (nnimap-address "poczta.o2.pl")
                 (nnimap-server-port 993)
                 (nnimap-stream ssl)))
  ;; SMTP configuration for sending mail
  (setq smtpmail-smtp-server "poczta.o2.pl"
        smtpmail-smtp-service 465
        smtpmail-stream-type 'ssl)
  (setq send-mail-function 'smtpmail-send-it
        message-send-mail-function 'smtpmail-send-it)
  (gnus))

(setq message-alternative-emails (regexp-opt (rest user-mail-addresses))
      gnus-ignored-from-addresses message-alternative-emails)

;; Format: Sender address - SMTP server - port - user name
(setq smtp-accounts
      '(("diasp@o2.pl" "poczta.o2.pl" 465 "diasp")
        ("piotr.diasp@uni.example.pl" "smtp.uni.example.pl" 587 "pdiasp")))

(defun set-smtp-server-message-send-and-exit ()
  "Set SMTP server from the From header and send."
  (interactive)
  (message-remove-header "X-Message-SMTP-Method")
  (let ((sender (message-fetch-field "From")))
    (loop for (addr server port usr) in smtp-accounts
          when (string-match addr sender)
          do (message-add-header
              (format "X-Message-SMTP-Method: smtp %s %d %s" server port usr)))
    (message-send-and-exit)))

(add-hook 'message-mode-hook
          (lambda ()
            (local-set-key "\C-c\C-c" 'set-smtp-server-message-send-and-exit)))

(setq smtpmail-smtp-service 587
      smtpmail-default-smtp-server (second (car smtp-accounts)))

(global-set-key (kbd "C-c g") 'gnus-connect)
