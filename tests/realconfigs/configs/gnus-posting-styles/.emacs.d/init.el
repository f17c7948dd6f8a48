;;; init.el --- personal init  -*- lexical-binding: t -*-

(require 'package)
(package-initialize)

(setq user-full-name "Elena Rossi"
      user-mail-address "elena@rossi.it")

(setq mail-host-address "rossi.it")
(setq message-user-fqdn "laptop.rossi.it")

(setq gnus-select-method '(nnnil ""))
(setq gnus-secondary-select-methods
      '((nnimap "home"
                (nnimap-address "imap.rossi.it")
                (nnimap-server-port 993)
                (nnimap-stream tls)
                (nnimap-inbox "INBOX")
                (nnimap-split-methods default))
        (nnimap "work"
                (nnimap-address "outlook.office365.com")
                (nnimap-server-port 993)
                (nnimap-stream tls))
        (nnmaildir "archive" (directory "~/Maildir/archive"))))

(setq gnus-posting-styles
      '((".*"
         (name "Elena Rossi")
         (address "elena@rossi.it")
         (signature-file "~/.signature"))
        ("nnimap\\+work:.*"
         (address "e.rossi@example-corp.com")
         (organization "Example Corp")
         (signature "Elena Rossi | Example Corp")
         ("X-Message-SMTP-Method" "smtp smtp.office365.com 587 e.rossi@example-corp.com"))
        ((header "to" "elena@rossi.it")
         (address "elena@rossi.it"))
        ((header "list-id" ".*emacs-devel.*")
         (address "elena@rossi.it")
         (signature nil))))

(setq gnus-parameters
      '(("nnimap\\+work:INBOX"
         (display . all)
         (posting-style (address "e.rossi@example-corp.com"))
         (expiry-wait . never))))

(setq gnus-use-adaptive-scoring t
      gnus-summary-display-arrow t
      gnus-treat-display-smileys nil
      gnus-article-browse-delete-temp t)

(with-eval-after-load 'gnus-group
  (define-key gnus-group-mode-map (kbd "o") #'my/gnus-group-list-subscribed))

(defun my/gnus-group-list-subscribed ()
  "Show only the subscribed groups."
  (interactive)
  (gnus-group-list-all-groups 5))

(setq send-mail-function 'smtpmail-send-it
      message-send-mail-function 'message-use-send-mail-function
      smtpmail-smtp-server "smtp.rossi.it"
      smtpmail-smtp-service 465
      smtpmail-stream-type 'ssl
      auth-sources '((:source "~/.authinfo.gpg")))

(setq mail-user-agent 'gnus-user-agent
      read-mail-command 'gnus)
