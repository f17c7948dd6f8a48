;;; my-emacs-email.el --- Client-agnostic email settings  -*- lexical-binding: t -*-

(autoload 'auth-source-search "auth-source")

(defun my-common-auth-get-field (host prop)
  "Find PROP in `auth-sources' for HOST entry."
  (when-let* ((source (auth-source-search :host host)))
    (if (eq prop :secret)
        (funcall (plist-get (car source) prop))
      (plist-get (flatten-list source) prop))))

(my-emacs-builtin-package 'auth-source
  (setq auth-sources '("~/.authinfo.gpg")
        user-full-name "Prodromos Antoniou"
        user-mail-address "public@antoniou.gr"))

(my-emacs-builtin-package 'mm-encode
  (setq mm-encrypt-option nil
        mm-sign-option nil))

(my-emacs-builtin-package 'mml-sec
  (setq mml-secure-openpgp-encrypt-to-self t
        mml-secure-openpgp-sign-with-sender t))

(my-emacs-builtin-package 'message
  (setq mail-user-agent 'message-user-agent
        mail-header-separator (purecopy "*****")
        message-elide-ellipsis "\n> [... %l lines elided]\n"
        compose-mail-user-agent-warnings nil
        message-mail-user-agent t
        mail-signature "Prodromos Antoniou\nhttps://antoniou.gr\n"
        message-signature "Prodromos Antoniou\nhttps://antoniou.gr\n"
        message-citation-line-format "%f [%Y-%m-%d, %R %z]:\n"
        message-citation-line-function 'message-insert-formatted-citation-line
        message-confirm-send nil
        message-kill-buffer-on-exit t
        message-wide-reply-confirm-recipients t)
  (add-hook 'message-setup-hook #'message-sort-headers))

(my-emacs-builtin-package 'sendmail
  (setq send-mail-function 'sendmail-send-it
        sendmail-program "/usr/bin/msmtp"
        mail-specify-envelope-from t
        mail-envelope-from 'header
        message-sendmail-envelope-from 'header))

;; notmuch comes from the distribution; set it up once idle.
(add-to-list 'load-path "/usr/share/emacs/site-lisp/")
(my-emacs-elpa-package 'notmuch
  (:delay 5)
  (setq notmuch-identities
        (mapcar (lambda (str) (format "%s <%s>" user-full-name str))
                (list "public@antoniou.gr" "info@antoniou.gr"))
        notmuch-fcc-dirs '(("public@antoniou.gr" . "pub/Sent +sent -inbox")
                           ("info@antoniou.gr" . "inf/Sent +sent -inbox"))
        notmuch-show-logo nil))
